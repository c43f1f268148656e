package com.voxclone.engine.offline.entity;

/**
 * The base voice measured once at engine start on a calibration text, so that prosody targets are computed from what
 * the voice really does rather than assumed.
 *
 * @param profile  the base voice's own profile, unmodified
 * @param f0MeanHz mean voiced F0 (MaryTTS's pitch shift works around the mean, not the median)
 */
public record BaseVoiceCalibration(SpeakerProfile profile, double f0MeanHz) {
}
