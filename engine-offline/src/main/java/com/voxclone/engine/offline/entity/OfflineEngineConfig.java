package com.voxclone.engine.offline.entity;

/**
 * Settings of the offline engine.
 *
 * @param baseVoice         MaryTTS voice everything is synthesised with
 * @param maxFormantShift   largest change of formant frequencies (vocal-tract length) as a fraction, e.g. 0.2 = ±20 %
 * @param pitchTolerance    relative pitch error left alone after synthesis; larger errors are corrected by PSOLA
 */
public record OfflineEngineConfig(String baseVoice, double maxFormantShift, double pitchTolerance) {

    public static OfflineEngineConfig defaults() {
        return new OfflineEngineConfig("cmu-slt-hsmm", 0.2, 0.03);
    }
}
