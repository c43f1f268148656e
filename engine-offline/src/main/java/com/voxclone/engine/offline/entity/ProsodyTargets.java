package com.voxclone.engine.offline.entity;

/**
 * What the base voice is asked to do inside its own synthesis, where pitch and timing change without touching the
 * spectral envelope.
 *
 * @param f0AddHz       shift of the utterance's mean pitch, in Hz
 * @param f0Scale       factor on the pitch excursions around the mean (1 = unchanged)
 * @param durationScale factor on phone durations (above 1 is slower)
 */
public record ProsodyTargets(double f0AddHz, double f0Scale, double durationScale) {

    public static final ProsodyTargets NEUTRAL = new ProsodyTargets(0, 1, 1);
}
