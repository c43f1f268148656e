package com.voxclone.engine.offline.control;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.offline.entity.SpeakerProfile;
import java.util.Arrays;

/**
 * The conversion steps shared by synthesis and speech-to-speech conversion: vocal-tract scaling by resampling, pitch
 * correction with PSOLA (formants preserved), spectral equalisation onto the reference's long-term spectrum and level
 * matching. Output is always at {@link PcmAudio#MODEL_RATE}.
 */
public final class VoiceMatcher {

    private static final double PEAK_LIMIT = 0.97;

    private VoiceMatcher() {
    }

    /**
     * Resamples so that formants move by {@code formantFactor}: the input is read as if recorded at
     * {@code rate * formantFactor}, which also multiplies pitch by the factor and durations by its inverse.
     */
    public static float[] scaleVocalTract(PcmAudio audio, double formantFactor) {
        return Resampler.resample(audio.samples(), audio.sampleRate() * formantFactor, PcmAudio.MODEL_RATE);
    }

    /**
     * Shifts the pitch so the voiced median lands on {@code targetMedianHz}, if it is off by more than
     * {@code tolerance} (relative); the spectral envelope is kept.
     */
    public static float[] correctPitch(float[] x, double targetMedianHz, double tolerance) {
        double[] f0 = PitchTracker.track(new PcmAudio(x, PcmAudio.MODEL_RATE));
        double[] voiced = Statistics.positive(f0);
        if (voiced.length < 10) {
            return x;
        }
        double factor = targetMedianHz / Statistics.percentile(voiced, 50);
        if (Math.abs(Math.log(factor)) <= Math.log1p(tolerance)) {
            return x;
        }
        double[] factors = new double[f0.length];
        Arrays.fill(factors, factor);
        return Psola.modify(x, PcmAudio.MODEL_RATE, f0, factors, 1);
    }

    /** Long-term spectrum shape (dB, mean 0) of the speech in {@code x}, or null when it holds no speech. */
    public static double[] spectrumShape(float[] x) {
        boolean[] speech = VoiceActivityDetector.speechFrames(x, PcmAudio.MODEL_RATE);
        if (VoiceActivityDetector.speechSeconds(speech) == 0) {
            return null;
        }
        return SpectrumAnalyzer.shapeDb(SpectrumAnalyzer.bandLevelsDb(x, PcmAudio.MODEL_RATE, speech));
    }

    /**
     * Equalises {@code x} so its long-term spectrum takes the shape of the reference's, then sets its speech level to
     * the reference's (lowered where it would clip). {@code currentShapeDb} is the spectrum shape this voice has before
     * equalisation; measured on {@code x} itself when null.
     */
    public static float[] matchSpectrumAndLevel(float[] x, double[] currentShapeDb, SpeakerProfile target, double maxGainDb) {
        int rate = PcmAudio.MODEL_RATE;
        boolean[] speech = VoiceActivityDetector.speechFrames(x, rate);
        if (VoiceActivityDetector.speechSeconds(speech) == 0) {
            return x;
        }
        double[] current = currentShapeDb != null ? currentShapeDb
                : SpectrumAnalyzer.shapeDb(SpectrumAnalyzer.bandLevelsDb(x, rate, speech));
        float[] y = SpectralEqualizer.apply(x, rate, SpectralEqualizer.matchingGainsDb(current, target.ltasDb(), maxGainDb));
        double gain = Math.pow(10, (target.loudnessDb() - SpeakerAnalyzer.loudnessDb(y, rate, speech)) / 20);
        double peak = 0;
        for (float v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak * gain > PEAK_LIMIT) {
            gain = PEAK_LIMIT / peak;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] *= (float) gain;
        }
        return y;
    }

    /**
     * Pitch factor per 10 ms frame that maps the source contour onto the target voice: medians aligned, excursions
     * (in semitones) scaled from the source's spread to the target's times {@code rangeFactor}.
     */
    public static double[] pitchFactors(double[] f0, SpeakerProfile source, SpeakerProfile target, double rangeFactor) {
        double spread = source.f0StdSemitones() > 0.05 ? target.f0StdSemitones() / source.f0StdSemitones() : 1;
        spread *= rangeFactor;
        double[] factors = new double[f0.length];
        for (int i = 0; i < f0.length; i++) {
            if (f0[i] <= 0) {
                factors[i] = 1;
                continue;
            }
            double semitones = Statistics.semitones(f0[i], source.f0MedianHz()) * spread;
            factors[i] = target.f0MedianHz() * Math.pow(2, semitones / 12) / f0[i];
        }
        return factors;
    }
}
