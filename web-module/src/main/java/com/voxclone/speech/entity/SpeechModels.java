package com.voxclone.speech.entity;

import java.util.List;

/**
 * The model names speech requests may use. They all speak with the engine the workers run: {@code voxclone} is its own
 * name, the others are the names OpenAI clients send by default, accepted so that such clients work unchanged.
 */
public final class SpeechModels {

    public static final List<String> IDS = List.of("voxclone", "tts-1", "tts-1-hd", "gpt-4o-mini-tts");

    private SpeechModels() {
    }

    public static boolean known(String model) {
        return IDS.contains(model);
    }
}
