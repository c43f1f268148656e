package com.voxclone.consent.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsentTextTest {

    private static final String CHALLENGE = "I consent to a synthetic copy of my voice: tiger, apple, seven, mirror.";

    @Test
    void aChallengeIsTheSentenceAndFourDistinctPoolWords() {
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String text = ConsentText.newChallenge();
            assertTrue(text.startsWith(ConsentText.SENTENCE + ": "), text);
            List<String> words = List.of(text.substring(ConsentText.SENTENCE.length() + 2, text.length() - 1).split(", "));
            assertEquals(4, words.size(), text);
            assertEquals(4, new HashSet<>(words).size(), text);
            assertTrue(ConsentText.WORD_POOL.containsAll(words), text);
            texts.add(text);
        }
        // 50 draws from about 5.5 million challenges: a repeat would mean the words are not random.
        assertEquals(50, texts.size());
    }

    @Test
    void theWholeChallengeHeardPasses() {
        assertTrue(ConsentText.check(CHALLENGE, "i consent to a synthetic copy of my voice tiger apple seven mirror").passed());
    }

    @Test
    void aFewMissedOrExtraWordsAreTolerated() {
        // Three of nine sentence words and one of four random words missed; extra words heard in between.
        var check = ConsentText.check(CHALLENGE, "consent a synthetic copy my voice banana tiger apple mirror thirty");
        assertTrue(check.passed(), check.explanation());
    }

    @Test
    void twoRandomWordsMissingOrOutOfOrderAreRefusedByName() {
        var check = ConsentText.check(CHALLENGE, "i consent to a synthetic copy of my voice seven tiger mirror apple");
        assertFalse(check.passed());
        // Longest in-order match: tiger mirror (or seven mirror): two of the four are not heard in order.
        assertEquals(2, check.missedWords().size(), check.missedWords().toString());
        assertTrue(check.explanation().contains("not heard in order"), check.explanation());
    }

    @Test
    void anotherChallengesRecordingIsRefused() {
        var check = ConsentText.check(CHALLENGE, "i consent to a synthetic copy of my voice river candle pilot orange");
        assertFalse(check.passed());
        assertEquals(List.of("tiger", "apple", "seven", "mirror"), check.missedWords());
    }

    @Test
    void theRandomWordsWithoutTheSentenceAreRefused() {
        var check = ConsentText.check(CHALLENGE, "ninety island tiger apple seven mirror");
        assertFalse(check.passed());
        assertFalse(check.sentenceHeard());
        assertEquals("the sentence \"" + ConsentText.SENTENCE + "\" was not heard", check.explanation());
    }

    @Test
    void aChallengeExpiresAfterTenMinutesAndServesOneJob() {
        ConsentChallenge c = ConsentChallenge.issue(UUID.randomUUID(), "127.0.0.1");
        assertTrue(c.unusableBecause(c.getCreatedAt(), false).orElseThrow().startsWith("has no recording"));
        assertTrue(c.unusableBecause(c.getCreatedAt(), true).isEmpty());
        c.recorded(UUID.randomUUID());
        assertTrue(c.unusableBecause(c.getCreatedAt().plusMinutes(9), false).isEmpty());
        assertTrue(c.unusableBecause(c.getCreatedAt().plusMinutes(11), false).orElseThrow().startsWith("expired"));
        c.usedBy(UUID.randomUUID());
        assertTrue(c.unusableBecause(c.getCreatedAt(), false).orElseThrow().startsWith("was already used"));
        assertNotEquals(ConsentText.STATEMENT_VERSION, "");
        assertEquals(ConsentText.STATEMENT_VERSION, c.getStatementVersion());
    }
}
