package com.voxclone.engine.chatterbox.control;

import java.util.List;
import java.util.Map;

/**
 * The model's {@code punc_norm}: the text clean-up Chatterbox was trained with. Kept exactly as upstream, order of
 * replacements included, because the model learned its pauses from these characters.
 */
public final class PunctuationNormalizer {

    static final String EMPTY_TEXT = "You need to add some text for me to talk.";

    private static final List<Map.Entry<String, String>> REPLACEMENTS = List.of(
            Map.entry("...", ", "), Map.entry("\u2026", ", "), Map.entry(":", ","), Map.entry(" - ", ", "),
            Map.entry(";", ", "), Map.entry("\u2014", "-"), Map.entry("\u2013", "-"), Map.entry(" ,", ","),
            Map.entry("\u201C", "\""), Map.entry("\u201D", "\""), Map.entry("\u2018", "'"), Map.entry("\u2019", "'"));

    private static final String SENTENCE_ENDERS = ".!?-,";

    private PunctuationNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY_TEXT;
        }
        String t = text;
        if (Character.isLowerCase(t.charAt(0))) {
            t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        }
        t = String.join(" ", t.trim().split("\\s+"));
        for (Map.Entry<String, String> r : REPLACEMENTS) {
            t = t.replace(r.getKey(), r.getValue());
        }
        t = t.replaceAll(" +$", "");
        if (t.isEmpty() || SENTENCE_ENDERS.indexOf(t.charAt(t.length() - 1)) < 0) {
            t += ".";
        }
        return t;
    }
}
