package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

/** Expected readings are the words' dictionary readings, written out by hand. */
class JapaneseReadingsTest {

    @Test
    void kanjiWordsAreReadOutInHiragana() {
        assertEquals("とうきょう", JapaneseReadings.kanjiAsHiragana("東京"));
        assertEquals("わたしはコーヒーがすきです", JapaneseReadings.kanjiAsHiragana("私はコーヒーが好きです"));
    }

    @Test
    void aReadingThatStartsWithHaOrHeGetsASpaceBeforeItAsUpstreamWrites() {
        assertEquals("にほんごを はなす", JapaneseReadings.kanjiAsHiragana("日本語を話す"));
    }

    @Test
    void kanaLatinLettersDigitsAndPunctuationStayAsWritten() {
        assertEquals("ひらがな、カタカナ。abc 123!", JapaneseReadings.kanjiAsHiragana("ひらがな、カタカナ。abc 123!"));
    }

    @Test
    void decomposedKanaAsTheEarlierRulesLeaveThemAreReadToo() {
        String decomposed = Normalizer.normalize("学校へ行きます", Normalizer.Form.NFKD);
        assertEquals("がっこうへいきます", JapaneseReadings.kanjiAsHiragana(decomposed));
    }

    @Test
    void theMultilingualRuleReadsKanjiThenDecomposesAndTagsTheText() {
        assertEquals("[ja]" + Normalizer.normalize("とうきょうにいく", Normalizer.Form.NFKD), new MultilingualText(CangjieCodes.of("[]"))
                .prepare("東京に行く", "ja"));
    }
}
