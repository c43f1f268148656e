package com.voxclone.voice.entity;

import com.voxclone.platform.entity.Violation;
import java.util.List;

/** What a voice's name and a text to speak with it may be; checked wherever either comes in. */
public final class VoiceLimits {

    public static final int MAX_NAME = 100;
    /** The portal's test text and the text of a clone job's test clip. */
    public static final int MAX_TEXT = 60;
    /**
     * One synthesis request to a worker: a piece of a longer text, split where sentences and clauses end. Engines such
     * as Chatterbox degrade past about 300 characters, so pieces are kept well below this.
     */
    public static final int MAX_PIECE = 500;

    private VoiceLimits() {
    }

    /** A voice name: 1 to {@value #MAX_NAME} characters once stripped. */
    public static List<Violation> checkName(String field, String name) {
        if (name == null || name.isBlank()) {
            return List.of(new Violation(field, field + " is required (1 to " + MAX_NAME + " characters)"));
        }
        int length = name.strip().length();
        return length > MAX_NAME
                ? List.of(new Violation(field, field + " must be at most " + MAX_NAME + " characters, was " + length))
                : List.of();
    }

    /** A test text: at most {@value #MAX_TEXT} characters, required or not. */
    public static List<Violation> checkText(String field, String text, boolean required) {
        return checkText(field, text, required, MAX_TEXT);
    }

    /** A text to speak: at most {@code max} characters, required or not. */
    public static List<Violation> checkText(String field, String text, boolean required, int max) {
        if (text == null || text.isBlank()) {
            return required ? List.of(new Violation(field, field + " is required (1 to " + max + " characters)"))
                    : List.of();
        }
        int length = text.strip().codePointCount(0, text.strip().length());
        return length > max
                ? List.of(new Violation(field, field + " must be at most " + max + " characters, was " + length))
                : List.of();
    }
}
