package com.voxclone.engine.chatterbox.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Chatterbox Multilingual's text rules, after its {@code punc_norm}: lower case, compatibility decomposition (NFKD), the
 * language's own rule, and the language's tag in front ({@code [fr]}, no space), as the model's tokenizer was trained.
 * Of the language rules, Korean's (Hangul syllables written as their jamo) is what NFKD does already; Japanese's
 * (kanji read out in hiragana, then NFKD again) is {@link JapaneseReadings}; Chinese's (words split, characters
 * written as Cangjie codes from the model's table) is {@link CangjieCodes}. Hebrew and Russian go in as the other
 * languages do: upstream's vowel points (dicta-onnx) and stress marks (russian_text_stresser) come from packages its
 * own installation does not include, and it then passes the text on unchanged, so that is what the reference does.
 */
public final class MultilingualText {

    private final CangjieCodes chinese;

    /** The rules with the model's Cangjie table, {@link CangjieCodes#TABLE} beside its tokenizer. */
    public MultilingualText(CangjieCodes chinese) {
        this.chinese = chinese;
    }

    /** {@code normalized} (after {@code punc_norm}) in {@code language}, one the model speaks here, as the tokenizer takes it. */
    public String prepare(String normalized, String language) {
        String text = Normalizer.normalize(normalized.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
        if (language.equals("ja")) {
            text = Normalizer.normalize(JapaneseReadings.kanjiAsHiragana(text), Normalizer.Form.NFKD);
        } else if (language.equals("zh")) {
            text = chinese.encode(text);
        }
        return "[" + language + "]" + text;
    }

    /** Whether the tokenizer has a token per language, as Multilingual's has and the original model's has not. */
    public static boolean hasLanguageTokens(Path tokenizerJson) throws IOException {
        String json = Files.readString(tokenizerJson);
        return json.contains("\"[fr]\"") && json.contains("\"[de]\"");
    }
}
