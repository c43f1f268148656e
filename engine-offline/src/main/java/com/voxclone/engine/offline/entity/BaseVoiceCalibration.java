package com.voxclone.engine.offline.entity;

/**
 * A base voice measured once at engine start on a calibration text by the engine's own analyser, so that the choice
 * of base voice and the prosody targets rest on what the voice really does rather than on what it is said to do.
 *
 * @param voice    the base voice's name
 * @param profile  the base voice's own profile, unmodified
 * @param f0MeanHz mean voiced F0 (the base voices scale pitch excursions around the mean, not the median)
 */
public record BaseVoiceCalibration(String voice, SpeakerProfile profile, double f0MeanHz) {
}
