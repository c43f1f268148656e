package com.voxclone.engine.offline.entity;

import java.util.List;

/**
 * Settings of the offline engine.
 *
 * @param baseVoices         names of the base voices to choose from (MaryTTS voice names, or {@code kevin16} for
 *                           FreeTTS); each reference is spoken by the closest one
 * @param maxFormantLowering largest lowering of formant frequencies (longer vocal tract) as a fraction, e.g. 0.2, for
 *                           base voices that may be lowered (the male FreeTTS voice is not)
 * @param maxFormantRaising  largest raising of formant frequencies as a fraction; kept small because raising a base
 *                           voice's formants quickly costs intelligibility
 * @param pitchTolerance     relative error of a sentence's median pitch left alone; larger errors are corrected by PSOLA
 */
public record OfflineEngineConfig(List<String> baseVoices, double maxFormantLowering, double maxFormantRaising,
                                  double pitchTolerance) {

    public static final String DEFAULT_BASE_VOICES = "cmu-slt-hsmm,kevin16";

    public OfflineEngineConfig {
        baseVoices = baseVoices.stream().map(String::trim).filter(name -> !name.isEmpty()).distinct().toList();
        if (baseVoices.isEmpty()) {
            throw new IllegalArgumentException("the offline engine needs at least one base voice");
        }
    }

    public static OfflineEngineConfig defaults() {
        return new OfflineEngineConfig(List.of(DEFAULT_BASE_VOICES.split(",")), 0.2, 0.05, 0.03);
    }
}
