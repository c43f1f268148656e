package com.voxclone.engine.offline.control;

/** Creates base voices by name: FreeTTS's where it provides the name, otherwise a MaryTTS voice of that name. */
public final class BaseVoices {

    private BaseVoices() {
    }

    public static BaseVoice named(String name) {
        return FreeTtsVoice.provides(name) ? new FreeTtsVoice() : new MaryTtsVoice(name);
    }
}
