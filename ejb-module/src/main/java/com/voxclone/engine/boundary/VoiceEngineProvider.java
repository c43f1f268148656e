package com.voxclone.engine.boundary;

/**
 * Supplies an engine that is expensive to build (gigabytes of model weights), so that it is built only on the
 * worker that selects it. Engines that are cheap to construct are plain {@link VoiceEngine} beans instead.
 */
public interface VoiceEngineProvider {

    /** The id of the engine this provider builds, as used in {@code VOXCLONE_ENGINE}. */
    String id();

    /** The engine, built on first call and shared afterwards. */
    VoiceEngine engine();
}
