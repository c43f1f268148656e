package com.voxclone.audio.control;

import java.util.Arrays;
import java.util.Objects;

import com.voxclone.audio.entity.NormalizationTarget;
import com.voxclone.audio.entity.NormalizedAudio;
import com.voxclone.audio.entity.PcmAudio;

/**
 * Turns decoded mono audio into a clean voice reference: DC offset removed, leading and trailing
 * silence trimmed ({@link SilenceTrimmer}), then one constant gain so that the integrated loudness
 * ({@link LoudnessMeter}) meets the target. If that gain would push the sample peak above the
 * ceiling, the gain is lowered instead of limiting or clipping: the reference stays undistorted and
 * ends up quieter than the target, which {@link NormalizedAudio#outputLoudnessLufs()} reports.
 */
public final class ReferenceNormalizer {

    private final NormalizationTarget target;
    private final SilenceTrimmer trimmer;

    public ReferenceNormalizer(NormalizationTarget target) {
        this.target = Objects.requireNonNull(target, "target");
        this.trimmer = new SilenceTrimmer(target.silenceMarginSeconds());
    }

    public NormalizedAudio normalize(PcmAudio input) {
        int rate = input.sampleRate();
        float[] centred = withoutDc(input.samples());
        SilenceTrimmer.Span span = trimmer.voicedSpan(centred, rate);
        float[] voice = Arrays.copyOfRange(centred, span.start(), span.end());

        double inputLoudness = LoudnessMeter.integratedLoudness(voice, rate);
        double peak = peak(voice);
        double gainDb = 0;
        if (Double.isFinite(inputLoudness) && peak > 0) {
            double peakDb = 20 * Math.log10(peak);
            // the tiny allowance keeps float rounding from landing a hair above the ceiling
            gainDb = Math.min(target.loudnessLufs() - inputLoudness, target.peakCeilingDbfs() - 1e-4 - peakDb);
        }
        float gain = (float) Math.pow(10, gainDb / 20);
        for (int i = 0; i < voice.length; i++) {
            voice[i] *= gain;
        }
        double outputPeak = peak(voice);
        return new NormalizedAudio(new PcmAudio(voice, rate),
                span.start() / (double) rate, (centred.length - span.end()) / (double) rate,
                inputLoudness, gainDb, LoudnessMeter.integratedLoudness(voice, rate),
                outputPeak > 0 ? 20 * Math.log10(outputPeak) : Double.NEGATIVE_INFINITY);
    }

    private static float[] withoutDc(float[] samples) {
        double sum = 0;
        for (float s : samples) {
            sum += s;
        }
        float mean = samples.length == 0 ? 0 : (float) (sum / samples.length);
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i] - mean;
        }
        return out;
    }

    private static double peak(float[] samples) {
        float peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }
}
