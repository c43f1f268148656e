package com.voxclone.voice.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextPiecesTest {

    @Test
    void shortTextStaysWhole() {
        assertEquals(List.of("One. Two."), TextPieces.split("  One. Two. ", 250));
        String almost = "a".repeat(370);
        assertEquals(List.of(almost), TextPieces.split(almost, 250));
    }

    @Test
    void packsSentencesUpToTheLimitAndCutsOverlongOnes() {
        String sentence = "This sentence has exactly fifty characters in it. ";
        String text = sentence.repeat(8).strip();
        List<String> pieces = TextPieces.split(text, 120);
        assertEquals(4, pieces.size(), pieces.toString());
        pieces.forEach(p -> assertTrue(p.length() <= 120, p));
        assertEquals(text, String.join(" ", pieces));

        String longOne = ("word, " + "x".repeat(30) + " ").repeat(10).strip() + ".";
        List<String> parts = TextPieces.split(longOne, 100);
        parts.forEach(p -> assertTrue(p.length() <= 100, p));
        assertTrue(parts.get(0).endsWith(","), "cut after a comma: " + parts.get(0));
        assertEquals(longOne.replace(" ", ""), String.join("", parts).replace(" ", ""));
    }
}
