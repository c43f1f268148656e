package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chatterbox Multilingual's Chinese rule; expected strings written out by hand from the upstream rule. */
class CangjieCodesTest {

    private final CangjieCodes codes = CangjieCodes.of(StandInModels.CANGJIE_TABLE);

    @TempDir
    Path dir;

    @Test
    void eachCharacterIsItsCodeLettersThenTheEndMark() {
        assertEquals("[cj_h][cj_q][cj_i][cj_.]", codes.encode("我"));
        assertEquals("[cj_v][cj_n][cj_d][cj_.]", codes.encode("好"));
    }

    @Test
    void aCharacterSharingItsCodeWithAnEarlierRowGetsItsPlaceAsSuffix() {
        assertEquals("[cj_r][cj_.]", codes.encode("口"));
        assertEquals("[cj_r][cj_1][cj_.]", codes.encode("囗"));
    }

    @Test
    void aGlyphListedTwiceKeepsItsLastCodeAndItsPlaceAmongThatCodesGlyphs() {
        // 乙: the last row gives it "ab", where it comes second (after 甲), so "ab1"; its first code, "x", is forgotten.
        CangjieCodes twice = CangjieCodes.of("[\"乙\\tx\", \"甲\\tab\", \"乙\\tab\"]");
        assertEquals("[cj_a][cj_b][cj_1][cj_.]", twice.encode("乙"));
    }

    @Test
    void whatTheTableLacksOrIsNoChineseCharacterStaysAsWritten() {
        // Latin letters and digits are no "other letter"; の is one, but the table does not list it.
        assertEquals("[cj_h][cj_q][cj_i][cj_.] ok 3 の", codes.encode("我 ok 3の"));
    }

    @Test
    void wordsAreSplitWithOneSpaceBetweenThemAndPunctuationStandsAlone() {
        // The segmentation jieba's documentation gives for this sentence: 我 / 来到 / 北京 / 清华大学.
        assertEquals("我 来到 北京 清华大学 。", CangjieCodes.splitIntoWords("我来到北京清华大学。"));
        assertEquals("你好 , 我", CangjieCodes.splitIntoWords("你好,  我"));
    }

    @Test
    void aTableThatIsNotGlyphTabCodeRowsIsRefusedByName() throws IOException {
        Path table = Files.writeString(dir.resolve(CangjieCodes.TABLE), "[\"我 hqi\"]");
        IOException refused = assertThrows(IOException.class, () -> CangjieCodes.load(table));
        assertTrue(refused.getMessage().startsWith("Cangjie5_TC.json has a row that is not \"glyph<TAB>code\""), refused.getMessage());
        Files.writeString(table, "{\"我\": \"hqi\"}");
        assertThrows(IOException.class, () -> CangjieCodes.load(table));
    }
}
