package com.voxclone.engine.offline.quality;

import com.voxclone.audio.entity.PcmAudio;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A second, independent pitch measurement for the quality criteria, so that the engine is not only judged by the same
 * YIN tracker it steers by: frame-wise normalised cross-correlation (as in the first pass of RAPT), 40 ms frames every
 * 10 ms, 60-400 Hz. A frame is voiced when it is within 35 dB of the loudest frame and its best correlation reaches
 * 0.7; the period is the shortest lag within 10 % of that best correlation, which keeps octave errors down.
 */
final class CrossCheckPitch {

    private static final double MIN_HZ = 60;
    private static final double MAX_HZ = 400;
    private static final double VOICED_CORRELATION = 0.7;
    private static final double LOUDNESS_RANGE_DB = 35;

    private CrossCheckPitch() {
    }

    static double medianF0(PcmAudio audio) {
        float[] x = audio.samples();
        int rate = audio.sampleRate();
        int frame = rate * 40 / 1000;
        int hop = rate / 100;
        int minLag = (int) (rate / MAX_HZ);
        int maxLag = (int) Math.ceil(rate / MIN_HZ);
        double loudest = 0;
        for (int start = 0; start + frame + maxLag < x.length; start += hop) {
            loudest = Math.max(loudest, energy(x, start, frame));
        }
        double floor = loudest * Math.pow(10, -LOUDNESS_RANGE_DB / 10);
        List<Double> pitches = new ArrayList<>();
        double[] nccf = new double[maxLag + 1];
        for (int start = 0; start + frame + maxLag < x.length; start += hop) {
            double e0 = energy(x, start, frame);
            if (e0 < floor) {
                continue;
            }
            double best = 0;
            for (int lag = minLag; lag <= maxLag; lag++) {
                double dot = 0;
                for (int i = 0; i < frame; i++) {
                    dot += x[start + i] * x[start + lag + i];
                }
                nccf[lag] = dot / Math.sqrt(e0 * energy(x, start + lag, frame) + 1e-12);
                best = Math.max(best, nccf[lag]);
            }
            if (best < VOICED_CORRELATION) {
                continue;
            }
            for (int lag = minLag + 1; lag < maxLag; lag++) {
                if (nccf[lag] >= 0.9 * best && nccf[lag] >= nccf[lag - 1] && nccf[lag] >= nccf[lag + 1]) {
                    pitches.add(rate / (double) lag);
                    break;
                }
            }
        }
        if (pitches.isEmpty()) {
            return 0;
        }
        Collections.sort(pitches);
        return pitches.get(pitches.size() / 2);
    }

    private static double energy(float[] x, int start, int length) {
        double sum = 0;
        for (int i = start; i < start + length; i++) {
            sum += x[i] * x[i];
        }
        return sum;
    }
}
