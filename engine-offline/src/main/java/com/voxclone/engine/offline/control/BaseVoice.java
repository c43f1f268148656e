package com.voxclone.engine.offline.control;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.offline.entity.ProsodyTargets;

/**
 * A text-to-speech voice the engine speaks with before moving the result toward the reference. Each takes the same
 * prosody targets inside its own synthesis, where pitch and timing change without touching the spectral envelope.
 */
public interface BaseVoice {

    /** The name in configuration and in enrolled voices' conditioning, e.g. {@code cmu-slt-hsmm}. */
    String name();

    /** Synthesiser and voice, for the engine's description, e.g. {@code MaryTTS 5.2.1 cmu-slt-hsmm}. */
    String description();

    /**
     * How far this voice's formants may be lowered (a longer vocal tract), given the configured limit. By default the
     * configured limit.
     */
    default double maxFormantLowering(double configured) {
        return configured;
    }

    /** Loads the voice; later calls return at once. Safe to call from several threads. */
    void start();

    /**
     * Speaks {@code text} with the pitch excursions scaled by {@code f0Scale} around the voice's mean pitch, that mean
     * shifted by {@code f0AddHz}, and phone durations multiplied by {@code durationScale}. Audio at the voice's own
     * sample rate.
     */
    PcmAudio synthesize(String text, ProsodyTargets prosody);
}
