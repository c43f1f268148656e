package com.voxclone.engine.offline.entity;

/**
 * Settings of the offline engine.
 *
 * @param baseVoice          MaryTTS voice everything is synthesised with
 * @param maxFormantLowering largest lowering of formant frequencies (longer vocal tract) as a fraction, e.g. 0.2
 * @param maxFormantRaising  largest raising of formant frequencies as a fraction; kept small because raising the
 *                           base voice's (already female) formants quickly costs intelligibility
 * @param pitchTolerance     relative error of a sentence's median pitch left alone; larger errors are corrected by PSOLA
 */
public record OfflineEngineConfig(String baseVoice, double maxFormantLowering, double maxFormantRaising, double pitchTolerance) {

    public static OfflineEngineConfig defaults() {
        return new OfflineEngineConfig("cmu-slt-hsmm", 0.2, 0.05, 0.03);
    }
}
