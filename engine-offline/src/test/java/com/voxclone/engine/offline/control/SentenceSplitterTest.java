package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    @Test
    void splitsAtSentenceEndsAndLineBreaks() {
        assertEquals(List.of("Hello there.", "How are you?", "Fine!", "New line"),
                SentenceSplitter.split("Hello there. How are you? Fine!\nNew line"));
    }

    @Test
    void dropsPiecesWithoutWords() {
        assertEquals(List.of("One.", "Two."), SentenceSplitter.split("One. ... Two. !!"));
    }

    @Test
    void cutsOverlongSentencesAtClauseBoundaries() {
        String clause = "this clause has a fair number of words in it, ";
        String sentence = clause.repeat(12) + "and it ends here.";
        List<String> parts = SentenceSplitter.split(sentence);
        assertTrue(parts.size() > 1);
        for (String part : parts) {
            assertTrue(part.length() <= SentenceSplitter.MAX_SENTENCE_CHARS, part);
        }
        assertEquals(sentence.replace(" ", ""), String.join("", parts).replace(" ", ""));
    }
}
