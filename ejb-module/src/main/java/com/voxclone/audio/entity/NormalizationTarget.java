package com.voxclone.audio.entity;

/**
 * How voice references are normalised.
 *
 * @param loudnessLufs        integrated loudness (ITU-R BS.1770, gated) the reference is brought to
 * @param peakCeilingDbfs     highest sample peak allowed after the gain
 * @param silenceMarginSeconds silence kept before and after the voice when trimming
 */
public record NormalizationTarget(double loudnessLufs, double peakCeilingDbfs, double silenceMarginSeconds) {

    /**
     * -27 LUFS is the level the Chatterbox reference pipeline normalises prompts to, so the engines see
     * references at the loudness they were trained with; -1 dBFS leaves room for inter-sample peaks.
     */
    public static final double DEFAULT_LOUDNESS_LUFS = -27.0;
    public static final double DEFAULT_PEAK_CEILING_DBFS = -1.0;
    public static final double DEFAULT_SILENCE_MARGIN_SECONDS = 0.15;

    public NormalizationTarget {
        if (!(loudnessLufs < 0) || loudnessLufs < -70) {
            throw new IllegalArgumentException("target loudness must be between -70 and 0 LUFS, was " + loudnessLufs);
        }
        if (!(peakCeilingDbfs <= 0)) {
            throw new IllegalArgumentException("peak ceiling must be at most 0 dBFS, was " + peakCeilingDbfs);
        }
        if (!(silenceMarginSeconds >= 0) || silenceMarginSeconds > 2) {
            throw new IllegalArgumentException("silence margin must be between 0 and 2 s, was " + silenceMarginSeconds);
        }
    }

    public static NormalizationTarget defaults() {
        return new NormalizationTarget(DEFAULT_LOUDNESS_LUFS, DEFAULT_PEAK_CEILING_DBFS, DEFAULT_SILENCE_MARGIN_SECONDS);
    }
}
