package com.voxclone.engine.chatterbox.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Chatterbox Multilingual's text rules, after its {@code punc_norm}: lower case, compatibility decomposition (NFKD), the
 * language's own rule, and the language's tag in front ({@code [fr]}, no space), as the model's tokenizer was trained.
 * Of the language rules, Korean's (Hangul syllables written as their jamo) is what NFKD does already. Chinese (word
 * segmentation and Cangjie codes), Japanese (kana readings of kanji) and Hebrew (vowel points) need dictionaries and a
 * model VoxClone does not have, so their text is refused rather than spoken wrongly.
 */
public final class MultilingualText {

    static final Set<String> MISSING_RULES = Set.of("zh", "ja", "he");

    private MultilingualText() {
    }

    /**
     * {@code normalized} (after {@code punc_norm}) in {@code language} as the tokenizer takes it.
     *
     * @throws IllegalArgumentException for a language whose rules are missing
     */
    public static String prepare(String normalized, String language) {
        if (MISSING_RULES.contains(language)) {
            throw new IllegalArgumentException("Chatterbox Multilingual cannot speak '" + language + "' here yet: its text "
                    + "rules for Chinese, Japanese and Hebrew need dictionaries VoxClone does not have");
        }
        String text = Normalizer.normalize(normalized.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
        return "[" + language + "]" + text;
    }

    /** Whether the tokenizer has a token per language, as Multilingual's has and the original model's has not. */
    public static boolean hasLanguageTokens(Path tokenizerJson) throws IOException {
        String json = Files.readString(tokenizerJson);
        return json.contains("\"[fr]\"") && json.contains("\"[de]\"");
    }
}
