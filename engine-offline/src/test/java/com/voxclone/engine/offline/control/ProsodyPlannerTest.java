package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.engine.offline.entity.BaseVoiceCalibration;
import com.voxclone.engine.offline.entity.ProsodyTargets;
import com.voxclone.engine.offline.entity.SpeakerProfile;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProsodyPlannerTest {

    private static SpeakerProfile profile(double f0, double spreadSemitones, double[] formants, double syllablesPerSecond) {
        return new SpeakerProfile(5, 3, f0, f0 * 0.85, f0 * 1.15, spreadSemitones, formants, new double[32], -6,
                syllablesPerSecond, -20);
    }

    private static final BaseVoiceCalibration BASE =
            new BaseVoiceCalibration("cmu-slt-hsmm", profile(170, 2.0, new double[] {500, 1700, 2900}, 4.0), 175);

    /** What MaryTTS does with the targets: f0' = scale * f0 + (1 - scale) * mean + add. */
    private static double maryMedian(ProsodyTargets t) {
        return t.f0Scale() * BASE.profile().f0MedianHz() + (1 - t.f0Scale()) * BASE.f0MeanHz() + t.f0AddHz();
    }

    @Test
    void putsTheMedianOnTheTargetBeforeTheVocalTractResampling() {
        SpeakerProfile target = profile(100, 3.0, new double[] {425, 1445, 2465}, 4.0);
        double k = ProsodyPlanner.formantFactor(target, BASE.profile(), 0.2, 0.05);
        assertEquals(0.85, k, 1e-9);
        ProsodyTargets t = ProsodyPlanner.forBaseVoice(target, BASE, k, VoiceSettings.defaults(), ProsodyPlanner.Variation.NONE);
        // resampling multiplies pitch by k afterwards
        assertEquals(100, maryMedian(t) * k, 1e-6);
        // and durations by 1/k, so MaryTTS is asked for durations shorter by k
        assertEquals(0.85, t.durationScale(), 1e-9);
    }

    @Test
    void scalesExcursionsSoTheSpreadInSemitonesMatches() {
        SpeakerProfile target = profile(85, 3.0, null, 4.0);
        ProsodyTargets t = ProsodyPlanner.forBaseVoice(target, BASE, 1, VoiceSettings.defaults(), ProsodyPlanner.Variation.NONE);
        // semitone spread ~ Hz spread / median: (scale * 2.0 * 170 / 85) must be 3.0
        assertEquals(3.0, t.f0Scale() * 2.0 * 170 / 85, 1e-9);
    }

    @Test
    void limitsTheFormantChangeAsConfigured() {
        SpeakerProfile child = profile(300, 2, new double[] {800, 2600, 4000}, 4);
        SpeakerProfile giant = profile(60, 2, new double[] {250, 900, 1500}, 4);
        assertEquals(1.05, ProsodyPlanner.formantFactor(child, BASE.profile(), 0.2, 0.05), 1e-9);
        assertEquals(0.8, ProsodyPlanner.formantFactor(giant, BASE.profile(), 0.2, 0.05), 1e-9);
        assertEquals(1, ProsodyPlanner.formantFactor(profile(120, 2, null, 4), BASE.profile(), 0.2, 0.05));
    }

    @Test
    void speedAndReferenceRateSetTheTempoAndRateIsFollowedOnlyWithinLimits() {
        VoiceSettings d = VoiceSettings.defaults();
        VoiceSettings faster = new VoiceSettings(d.exaggeration(), d.cfgWeight(), d.chunkSize(), d.temperature(), 2.0, null);
        SpeakerProfile sameRate = profile(170, 2, null, 4.0);
        assertEquals(0.5, ProsodyPlanner.forBaseVoice(sameRate, BASE, 1, faster, ProsodyPlanner.Variation.NONE).durationScale(), 1e-9);
        SpeakerProfile quick = profile(170, 2, null, 4.4);
        assertEquals(4.0 / 4.4, ProsodyPlanner.forBaseVoice(quick, BASE, 1, d, ProsodyPlanner.Variation.NONE).durationScale(), 1e-9);
        SpeakerProfile implausiblyQuick = profile(170, 2, null, 12);
        assertEquals(0.8, ProsodyPlanner.forBaseVoice(implausiblyQuick, BASE, 1, d, ProsodyPlanner.Variation.NONE).durationScale(), 1e-9);
    }

    @Test
    void exaggerationScalesTheIntonationRange() {
        assertEquals(1, ProsodyPlanner.rangeFactor(VoiceSettings.defaults()), 1e-9);
        VoiceSettings d = VoiceSettings.defaults();
        assertEquals(2, ProsodyPlanner.rangeFactor(new VoiceSettings(2.0, d.cfgWeight(), d.chunkSize(), d.temperature(), d.speed(), null)), 1e-9);
    }

    @Test
    void temperatureScalesTheRandomVariationAndTheSeedFixesIt() {
        ProsodyPlanner.Variation calm = ProsodyPlanner.Variation.draw(new Random(9), 0.08);
        ProsodyPlanner.Variation wild = ProsodyPlanner.Variation.draw(new Random(9), 0.8);
        assertEquals(wild.pitchSemitones() / 10, calm.pitchSemitones(), 1e-9);
        assertEquals(wild, ProsodyPlanner.Variation.draw(new Random(9), 0.8));
        assertNotEquals(wild, ProsodyPlanner.Variation.draw(new Random(10), 0.8));
    }
}
