package com.voxclone.voice.entity;

import com.voxclone.platform.entity.Violation;
import java.util.List;

/** What a voice's name and a text to speak with it may be; checked wherever either comes in. */
public final class VoiceLimits {

    public static final int MAX_NAME = 100;
    public static final int MAX_TEXT = 60;

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

    /** A text to speak: at most {@value #MAX_TEXT} characters, required or not. */
    public static List<Violation> checkText(String field, String text, boolean required) {
        if (text == null || text.isBlank()) {
            return required ? List.of(new Violation(field, field + " is required (1 to " + MAX_TEXT + " characters)"))
                    : List.of();
        }
        int length = text.strip().codePointCount(0, text.strip().length());
        return length > MAX_TEXT
                ? List.of(new Violation(field, field + " must be at most " + MAX_TEXT + " characters, was " + length))
                : List.of();
    }
}
