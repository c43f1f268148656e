package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chatterbox Multilingual's text rules; expected strings written out by hand from the upstream rules. */
class MultilingualTextTest {

    @TempDir
    Path dir;

    private final MultilingualText rules = new MultilingualText(CangjieCodes.of(StandInModels.CANGJIE_TABLE));

    @Test
    void frenchIsLowerCasedDecomposedAndTagged() {
        // "é" decomposes (NFKD) to "e" and U+0301 COMBINING ACUTE ACCENT.
        assertEquals("[fr]cafe\u0301 au lait.", rules.prepare(PunctuationNormalizer.normalizeMultilingual("Café au lait"), "fr"));
    }

    @Test
    void koreanSyllablesBecomeTheirJamo() {
        // 한 U+D55C: 10588 = 18·588 + 0·28 + 4 → U+1112 U+1161 U+11AB; 국 U+AD6D: 365 = 0·588 + 13·28 + 1 → U+1100 U+116E U+11A8.
        assertEquals("[ko]\u1112\u1161\u11AB\u1100\u116E\u11A8.", rules.prepare("한국.", "ko"));
    }

    @Test
    void hebrewKeepsItsPointsInTheirCanonicalOrder() {
        // Shin dot U+05C1 (combining class 24) written before qamats U+05B8 (class 18): NFKD puts the lower class first.
        assertEquals("[he]\u05E9\u05B8\u05C1\u05DC\u05D5\u05B9\u05DD", rules.prepare("\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD", "he"));
    }

    @Test
    void chineseIsDecomposedSplitIntoWordsAndWrittenInCangjieCodes() {
        // NFKD writes the full-width comma U+FF0C as ","; the ideographic full stop U+3002 has no decomposition.
        assertEquals("[zh][cj_o][cj_n][cj_f][cj_.][cj_v][cj_n][cj_d][cj_.] , [cj_h][cj_q][cj_i][cj_.] \u3002",
                rules.prepare("你好\uFF0C我\u3002", "zh"));
    }

    @Test
    void theCjkFullStopEndsASentenceInMultilingualOnly() {
        assertEquals("Fin\u3002", PunctuationNormalizer.normalizeMultilingual("fin\u3002"));
        assertEquals("Fin\u3002.", PunctuationNormalizer.normalize("fin\u3002"));
    }

    @Test
    void theTokenizerWithLanguageTokensIsMultilinguals() throws Exception {
        assertTrue(MultilingualText.hasLanguageTokens(StandInModels.writeMultilingualDirectory(dir.resolve("mtl"),
                StandInModels.Spec.small(60)).resolve("tokenizer.json")));
        StandInModels.writeTokenizer(dir.resolve("original.json"));
        assertFalse(MultilingualText.hasLanguageTokens(dir.resolve("original.json")));
    }
}
