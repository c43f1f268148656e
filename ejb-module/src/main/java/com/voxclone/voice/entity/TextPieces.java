package com.voxclone.voice.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits long text into pieces an engine speaks well: Chatterbox, for one, was trained on short utterances and one
 * generation is capped at 1000 speech tokens (40 s). Sentences are packed into pieces of at most {@code maxChars}; a
 * sentence longer than that is cut at its last comma or space before the limit. Text up to 1.5 x {@code maxChars}
 * stays whole.
 */
public final class TextPieces {

    public static final int DEFAULT_MAX_CHARS = 250;

    private TextPieces() {
    }

    public static List<String> split(String text, int maxChars) {
        String t = text.strip();
        List<String> pieces = new ArrayList<>();
        if (t.length() <= maxChars * 3 / 2) {
            pieces.add(t);
            return pieces;
        }
        StringBuilder current = new StringBuilder();
        for (String sentence : t.split("(?<=[.!?])\\s+")) {
            for (String part : cut(sentence, maxChars)) {
                if (current.length() > 0 && current.length() + 1 + part.length() > maxChars) {
                    pieces.add(current.toString());
                    current.setLength(0);
                }
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(part);
            }
        }
        if (current.length() > 0) {
            pieces.add(current.toString());
        }
        return pieces;
    }

    /** A sentence in parts of at most {@code maxChars}, preferring commas, then spaces, as cut points. */
    private static List<String> cut(String sentence, int maxChars) {
        List<String> parts = new ArrayList<>();
        String rest = sentence.strip();
        while (rest.length() > maxChars) {
            int at = rest.lastIndexOf(", ", maxChars);
            at = at > maxChars / 3 ? at + 1 : rest.lastIndexOf(' ', maxChars);
            if (at <= 0) {
                at = maxChars;
            }
            parts.add(rest.substring(0, at).strip());
            rest = rest.substring(at).strip();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }
}
