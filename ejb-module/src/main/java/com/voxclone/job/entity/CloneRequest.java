package com.voxclone.job.entity;

import com.voxclone.engine.entity.VoiceSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user asks for when cloning a voice (besides the recording).
 *
 * @param voiceName display name, 1 to {@value #MAX_NAME} characters
 * @param testText  optional sentence spoken with the new voice, at most {@value #MAX_TEST_TEXT} characters
 * @param settings  validated voice settings
 */
public record CloneRequest(String voiceName, String testText, VoiceSettings settings) {

    public static final int MAX_NAME = 100;
    public static final int MAX_TEST_TEXT = 60;

    /** Every problem with the name and test text; settings are validated when parsed. */
    public static List<VoiceSettings.Violation> check(String voiceName, String testText) {
        List<VoiceSettings.Violation> problems = new ArrayList<>();
        if (voiceName == null || voiceName.isBlank()) {
            problems.add(new VoiceSettings.Violation("voiceName", "voiceName is required (1 to " + MAX_NAME + " characters)"));
        } else if (voiceName.strip().length() > MAX_NAME) {
            problems.add(new VoiceSettings.Violation("voiceName", "voiceName must be at most " + MAX_NAME
                    + " characters, was " + voiceName.strip().length()));
        }
        problems.addAll(checkText("testText", testText, false));
        return problems;
    }

    /** Checks a text to speak: at most {@value #MAX_TEST_TEXT} characters, required or not. */
    public static List<VoiceSettings.Violation> checkText(String field, String text, boolean required) {
        if (text == null || text.isBlank()) {
            return required ? List.of(new VoiceSettings.Violation(field, field + " is required (1 to " + MAX_TEST_TEXT + " characters)"))
                    : List.of();
        }
        int length = text.strip().codePointCount(0, text.strip().length());
        return length > MAX_TEST_TEXT
                ? List.of(new VoiceSettings.Violation(field, field + " must be at most " + MAX_TEST_TEXT + " characters, was " + length))
                : List.of();
    }

    public CloneRequest {
        voiceName = voiceName == null ? null : voiceName.strip();
        testText = testText == null || testText.isBlank() ? null : testText.strip();
    }
}
