package com.voxclone.engine.chatterbox.control;

import java.util.List;
import java.util.Map;

/**
 * The models' {@code punc_norm}: the text clean-up each Chatterbox model was trained with. Kept exactly as upstream,
 * order of replacements included, because the models learned their pauses from these characters. Turbo's has fewer
 * rules ({@code ...}, {@code " - "} and {@code ;} stay as written); Multilingual's also takes the CJK full stop, comma
 * and marks as a sentence's end.
 */
public final class PunctuationNormalizer {

    static final String EMPTY_TEXT = "You need to add some text for me to talk.";

    private static final List<Map.Entry<String, String>> REPLACEMENTS = List.of(
            Map.entry("...", ", "), Map.entry("\u2026", ", "), Map.entry(":", ","), Map.entry(" - ", ", "),
            Map.entry(";", ", "), Map.entry("\u2014", "-"), Map.entry("\u2013", "-"), Map.entry(" ,", ","),
            Map.entry("\u201C", "\""), Map.entry("\u201D", "\""), Map.entry("\u2018", "'"), Map.entry("\u2019", "'"));

    private static final List<Map.Entry<String, String>> TURBO_REPLACEMENTS = List.of(
            Map.entry("\u2026", ", "), Map.entry(":", ","), Map.entry("\u2014", "-"), Map.entry("\u2013", "-"), Map.entry(" ,", ","),
            Map.entry("\u201C", "\""), Map.entry("\u201D", "\""), Map.entry("\u2018", "'"), Map.entry("\u2019", "'"));

    private static final String SENTENCE_ENDERS = ".!?-,";
    private static final String MULTILINGUAL_SENTENCE_ENDERS = SENTENCE_ENDERS + "\u3001\uFF0C\u3002\uFF1F\uFF01";

    private PunctuationNormalizer() {
    }

    /** The original model's rules. */
    public static String normalize(String text) {
        return normalize(text, REPLACEMENTS, SENTENCE_ENDERS);
    }

    /** Chatterbox Turbo's rules. */
    public static String normalizeTurbo(String text) {
        return normalize(text, TURBO_REPLACEMENTS, SENTENCE_ENDERS);
    }

    /** Chatterbox Multilingual's rules. */
    public static String normalizeMultilingual(String text) {
        return normalize(text, REPLACEMENTS, MULTILINGUAL_SENTENCE_ENDERS);
    }

    private static String normalize(String text, List<Map.Entry<String, String>> replacements, String sentenceEnders) {
        if (text == null || text.isEmpty()) {
            return EMPTY_TEXT;
        }
        String t = text;
        if (Character.isLowerCase(t.charAt(0))) {
            t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        }
        t = String.join(" ", t.trim().split("\\s+"));
        for (Map.Entry<String, String> r : replacements) {
            t = t.replace(r.getKey(), r.getValue());
        }
        t = t.replaceAll(" +$", "");
        if (t.isEmpty() || sentenceEnders.indexOf(t.charAt(t.length() - 1)) < 0) {
            t += ".";
        }
        return t;
    }
}
