package com.voxclone.engine.offline.control;

import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.engine.offline.entity.BaseVoiceCalibration;
import com.voxclone.engine.offline.entity.ProsodyTargets;
import com.voxclone.engine.offline.entity.SpeakerProfile;
import java.util.Random;

/**
 * Turns a reference profile and the user's settings into targets. How the settings map:
 * <ul>
 * <li>exaggeration: the reference's pitch spread is multiplied by sqrt(exaggeration / 0.5), so the default 0.5 keeps
 * the reference's intonation range, 2.0 doubles it and 0.25 narrows it to 71 %;</li>
 * <li>speed: tempo factor on top of the reference's speaking rate;</li>
 * <li>temperature: per-sentence random variation of pitch level (standard deviation 0.6 semitone x temperature / 0.8),
 * pitch range (8 % x temperature / 0.8) and tempo (4 % x temperature / 0.8);</li>
 * <li>seed: seeds that variation; MaryTTS itself is deterministic, so the same seed and text give identical
 * samples;</li>
 * <li>cfgWeight: how strongly the spectrum is pulled onto the reference: the equaliser may apply up to
 * 8 dB x (1 + cfgWeight) of correction per band (12 dB at the default 0.5, 32 dB at 3.0).</li>
 * </ul>
 * The vocal-tract change is done after synthesis by resampling (playing the speech slower lowers every formant by the
 * same factor), so the base voice is asked for a pitch and tempo that the resampling then brings to the targets.
 */
public final class ProsodyPlanner {

    /** Estimated speaking rates are rough; the tempo follows them only within this factor. */
    private static final double RATE_FOLLOW_LIMIT = 1.25;

    private ProsodyPlanner() {
    }

    /**
     * Factor on formant frequencies that moves {@code source}'s vocal tract onto {@code target}'s: the
     * {@link #formantRatio}, limited to [1 - {@code maxLowering}, 1 + {@code maxRaising}].
     */
    public static double formantFactor(SpeakerProfile target, SpeakerProfile source, double maxLowering, double maxRaising) {
        return clamp(formantRatio(target, source), 1 - maxLowering, 1 + maxRaising);
    }

    /**
     * How much higher {@code target}'s formants lie than {@code source}'s: the geometric mean of the F1-F3 ratios; 1
     * when either lacks formants.
     */
    public static double formantRatio(SpeakerProfile target, SpeakerProfile source) {
        if (target.formantsHz() == null || source.formantsHz() == null) {
            return 1;
        }
        double log = 0;
        for (int i = 0; i < 3; i++) {
            log += Math.log(target.formantsHz()[i] / source.formantsHz()[i]);
        }
        return Math.exp(log / 3);
    }

    public static double rangeFactor(VoiceSettings settings) {
        return Math.sqrt(settings.exaggeration() / VoiceSettings.EXAGGERATION.defaultValue());
    }

    public static double maxEqualizerGainDb(VoiceSettings settings) {
        return 8 * (1 + settings.cfgWeight());
    }

    /** Per-sentence random variation, scaled by temperature. */
    public record Variation(double pitchSemitones, double rangeFactor, double tempoFactor) {

        public static final Variation NONE = new Variation(0, 1, 1);

        public static Variation draw(Random random, double temperature) {
            double t = temperature / VoiceSettings.TEMPERATURE.defaultValue();
            return new Variation(random.nextGaussian() * 0.6 * t,
                    Math.exp(random.nextGaussian() * 0.08 * t), Math.exp(random.nextGaussian() * 0.04 * t));
        }
    }

    /** Median F0 the output should have for one sentence. */
    public static double targetMedianHz(SpeakerProfile target, Variation variation) {
        return target.f0MedianHz() * Math.pow(2, variation.pitchSemitones() / 12);
    }

    /**
     * What to ask the base voice for, given that its output will afterwards be resampled by {@code formantFactor}
     * (which multiplies its pitch by that factor and its durations by the inverse).
     */
    public static ProsodyTargets forBaseVoice(SpeakerProfile target, BaseVoiceCalibration base, double formantFactor,
                                              VoiceSettings settings, Variation variation) {
        SpeakerProfile b = base.profile();
        double medianBeforeWarp = targetMedianHz(target, variation) / formantFactor;
        // Pitch spread in semitones is ratio-based while MaryTTS scales excursions in Hz: convert between the two.
        double wantedSpread = target.f0StdSemitones() * rangeFactor(settings) * variation.rangeFactor();
        double scale = clamp(wantedSpread / b.f0StdSemitones() * medianBeforeWarp / b.f0MedianHz(), 0.05, 3);
        // MaryTTS: f0' = scale * f0 + (1 - scale) * mean + add; solve for the add that puts the median on target.
        double add = medianBeforeWarp - scale * b.f0MedianHz() - (1 - scale) * base.f0MeanHz();
        double rateRatio = target.syllablesPerSecond() > 0 && b.syllablesPerSecond() > 0
                ? clamp(target.syllablesPerSecond() / b.syllablesPerSecond(), 1 / RATE_FOLLOW_LIMIT, RATE_FOLLOW_LIMIT) : 1;
        double durationScale = formantFactor / (rateRatio * settings.speed() * variation.tempoFactor());
        return new ProsodyTargets(add, scale, durationScale);
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
