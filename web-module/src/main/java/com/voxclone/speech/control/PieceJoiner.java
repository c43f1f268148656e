package com.voxclone.speech.control;

import java.util.Arrays;

/**
 * Joins separately spoken pieces of one text into one stream: each piece is brought to the loudness of the first (at
 * most {@value #MAX_GAIN_DB} dB up or down, never clipping), and consecutive pieces overlap by a short cross-fade so
 * no step or click marks the seam. Works piece by piece: what {@link #add} returns is final; the last
 * {@value #FADE_MS} ms of each piece are held back until the next one arrives, and {@link #finish} hands them out.
 */
public final class PieceJoiner {

    static final int FADE_MS = 20;
    static final double MAX_GAIN_DB = 6;
    /** Frames quieter than this (dBFS) are pauses and do not count toward a piece's loudness. */
    private static final double SPEECH_FLOOR_DB = -45;
    private static final int FRAME_MS = 20;
    private static final float PEAK = 0.98f;

    private final int fade;
    private final int frame;
    private double reference = Double.NaN;
    private float[] held = new float[0];

    public PieceJoiner(int sampleRate) {
        this.fade = sampleRate * FADE_MS / 1000;
        this.frame = sampleRate * FRAME_MS / 1000;
    }

    /** Adds the next piece; returns the audio that is now final. */
    public float[] add(float[] piece) {
        float[] leveled = level(piece);
        int overlap = Math.min(fade, Math.min(held.length, leveled.length));
        // Keep back the held audio that the overlap does not use (a piece shorter than the fade) unmixed.
        float[] joined = new float[held.length + leveled.length - overlap];
        System.arraycopy(held, 0, joined, 0, held.length - overlap);
        int start = held.length - overlap;
        for (int i = 0; i < overlap; i++) {
            float in = (i + 0.5f) / overlap;
            joined[start + i] = held[start + i] * (1 - in) + leveled[i] * in;
        }
        System.arraycopy(leveled, overlap, joined, held.length, leveled.length - overlap);
        int keep = Math.min(fade, joined.length);
        held = Arrays.copyOfRange(joined, joined.length - keep, joined.length);
        return Arrays.copyOf(joined, joined.length - keep);
    }

    /** The end of the last piece. */
    public float[] finish() {
        float[] rest = held;
        held = new float[0];
        return rest;
    }

    /** The piece at the first piece's speech loudness, within the gain limit and below full scale. */
    private float[] level(float[] piece) {
        double loudness = speechLoudness(piece);
        if (Double.isNaN(loudness)) {
            return piece;
        }
        if (Double.isNaN(reference)) {
            reference = loudness;
            return piece;
        }
        double gainDb = Math.max(-MAX_GAIN_DB, Math.min(MAX_GAIN_DB, reference - loudness));
        float gain = (float) Math.pow(10, gainDb / 20);
        float peak = 0;
        for (float s : piece) {
            peak = Math.max(peak, Math.abs(s));
        }
        if (peak * gain > PEAK) {
            gain = PEAK / peak;
        }
        float[] out = new float[piece.length];
        for (int i = 0; i < piece.length; i++) {
            out[i] = piece[i] * gain;
        }
        return out;
    }

    /** Mean power of the frames that hold speech, in dBFS; NaN for a piece that is all pause. */
    double speechLoudness(float[] piece) {
        double power = 0;
        int frames = 0;
        for (int from = 0; from + frame <= piece.length; from += frame) {
            double sum = 0;
            for (int i = from; i < from + frame; i++) {
                sum += piece[i] * (double) piece[i];
            }
            double mean = sum / frame;
            if (10 * Math.log10(mean + 1e-20) > SPEECH_FLOOR_DB) {
                power += mean;
                frames++;
            }
        }
        return frames == 0 ? Double.NaN : 10 * Math.log10(power / frames);
    }
}
