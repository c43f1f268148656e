package com.voxclone.job.entity;

import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.platform.entity.Violation;
import com.voxclone.voice.entity.VoiceLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user asks for when cloning a voice (besides the recording).
 *
 * @param voiceName display name, 1 to {@value VoiceLimits#MAX_NAME} characters
 * @param testText  optional sentence spoken with the new voice, at most {@value VoiceLimits#MAX_TEXT} characters
 * @param settings  validated voice settings
 * @param model     the model to enrol the voice with, one the workers hold
 */
public record CloneRequest(String voiceName, String testText, VoiceSettings settings, String model) {

    /** Every problem with the name and test text; settings are validated when parsed. */
    public static List<Violation> check(String voiceName, String testText) {
        List<Violation> problems = new ArrayList<>(VoiceLimits.checkName("voiceName", voiceName));
        problems.addAll(VoiceLimits.checkText("testText", testText, false));
        return problems;
    }

    public CloneRequest {
        voiceName = voiceName == null ? null : voiceName.strip();
        testText = testText == null || testText.isBlank() ? null : testText.strip();
    }
}
