package com.voxclone.engine.boundary;

import com.voxclone.audio.entity.AudioChunk;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.EngineDescriptor;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The contract every voice engine implements. Engines are loaded once per worker and shared by all jobs,
 * so implementations must be safe for concurrent use. All audio in and out is mono at
 * {@link PcmAudio#MODEL_RATE}. Failures are reported as {@link com.voxclone.engine.boundary.EngineException}.
 */
public interface VoiceEngine {

    /** Stable id used in configuration ({@code VOXCLONE_ENGINE}) and stored with conditioning. */
    String id();

    /**
     * Loads models and voices and runs a first synthesis, so that the first job does not pay for it. Called once
     * when the worker starts; throws {@link com.voxclone.engine.boundary.EngineException} when the engine cannot run.
     */
    default void warmUp() {
    }

    /** What the engine runs on, after start-up detection (real execution provider, not the requested one). */
    EngineDescriptor describe();

    /** Analyses one or more reference recordings of the same speaker into conditioning for {@link #synthesize}. */
    SpeakerConditioning enroll(List<PcmAudio> references);

    /**
     * Speaks {@code text} in the enrolled voice, handing audio to {@code sink} chunk by chunk as soon as each is
     * ready. The final chunk has {@code last} set.
     */
    void synthesize(SpeakerConditioning conditioning, String text, VoiceSettings settings, Consumer<AudioChunk> sink);

    /** Re-speaks {@code source} (any speaker) in the enrolled voice, keeping its words and timing. */
    PcmAudio convert(SpeakerConditioning conditioning, PcmAudio source, VoiceSettings settings);

    /**
     * Whether this engine can synthesise from {@code conditioning} as stored. When not (another engine, an older
     * format or model), the voice is enrolled again from its stored references.
     */
    default boolean canUse(SpeakerConditioning conditioning) {
        return conditioning.engine().equals(id());
    }

    /**
     * The whole utterance as one clip, for callers that do not stream. Engines that can work more cheaply when
     * nobody listens along override this.
     */
    default PcmAudio synthesizeAll(SpeakerConditioning conditioning, String text, VoiceSettings settings) {
        List<PcmAudio> parts = new ArrayList<>();
        synthesize(conditioning, text, settings, chunk -> parts.add(chunk.audio()));
        return PcmAudio.concat(parts, PcmAudio.MODEL_RATE);
    }
}
