package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFrontEndTest {

    @TempDir
    Path dir;

    @Test
    void normalisesPunctuationLikeTheModelsTrainingCode() {
        assertEquals("Hello, world.", PunctuationNormalizer.normalize("hello:   world"));
        // Whitespace is collapsed before "..." becomes ", ", so upstream leaves two spaces here; the model saw that.
        assertEquals("Wait,  what?", PunctuationNormalizer.normalize("wait... what?"));
        assertEquals("A, b, c.", PunctuationNormalizer.normalize("a - b;c"));
        assertEquals("\"Quoted\" it's fine-", PunctuationNormalizer.normalize("\u201CQuoted\u201D it\u2019s fine\u2014"));
        assertEquals("Ends here!", PunctuationNormalizer.normalize("Ends here!  "));
        assertEquals(PunctuationNormalizer.EMPTY_TEXT, PunctuationNormalizer.normalize(""));
    }

    @Test
    void tokenizesWithTemplateAndPositions() throws Exception {
        Path tokenizer = dir.resolve("tokenizer.json");
        StandInModels.writeTokenizer(tokenizer);
        try (TextFrontEnd frontEnd = new TextFrontEnd(tokenizer, dir.resolve("cache"))) {
            long[] ids = frontEnd.encode(PunctuationNormalizer.normalize("How are you?"));
            // The golden English vector of the multilingual model without its [en] tag.
            assertArrayEquals(new long[] {6563, 255, 21, 69, 2, 127, 2, 74, 13, 0, 6561, 6561}, ids);
            assertArrayEquals(new long[] {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0}, TextFrontEnd.positions(ids));
            assertArrayEquals(new long[] {6563, 255, 38, 61, 9, 0, 6561, 6561}, frontEnd.encode(PunctuationNormalizer.normalize("Yes")));
            assertEquals(1, frontEnd.encode("Zq")[2], "unknown characters become [UNK]");
            assertThrows(IllegalArgumentException.class, () -> frontEnd.encode("a".repeat(2049)));
        }
    }
}
