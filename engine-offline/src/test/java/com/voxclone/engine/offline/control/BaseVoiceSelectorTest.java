package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.voxclone.engine.offline.entity.BaseVoiceCalibration;
import com.voxclone.engine.offline.entity.SpeakerProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaseVoiceSelectorTest {

    private static SpeakerProfile profile(double f0, double[] formants) {
        return new SpeakerProfile(5, 3, f0, f0 * 0.85, f0 * 1.15, 2, formants, new double[32], -6, 4, -20);
    }

    private static final double[] MALE_FORMANTS = {500, 1450, 2450};
    private static final double[] FEMALE_FORMANTS = {600, 1750, 2950};
    private static final BaseVoiceCalibration FEMALE = new BaseVoiceCalibration("female", profile(170, FEMALE_FORMANTS), 175);
    private static final BaseVoiceCalibration MALE = new BaseVoiceCalibration("male", profile(100, MALE_FORMANTS), 102);
    private static final List<BaseVoiceCalibration> BOTH = List.of(FEMALE, MALE);

    @Test
    void lowVoicesGetTheLowBaseVoiceAndHighVoicesTheHighOne() {
        assertEquals("male", BaseVoiceSelector.closest(profile(80, MALE_FORMANTS), BOTH).voice());
        assertEquals("male", BaseVoiceSelector.closest(profile(120, null), BOTH).voice());
        assertEquals("female", BaseVoiceSelector.closest(profile(260, FEMALE_FORMANTS), BOTH).voice());
        assertEquals("female", BaseVoiceSelector.closest(profile(150, null), BOTH).voice());
    }

    @Test
    void formantsDecideBetweenTheTwoPitches() {
        // 130 Hz is nearer 100 Hz than 170 Hz on a log scale, but female formants tip it.
        assertEquals("male", BaseVoiceSelector.closest(profile(130, MALE_FORMANTS), BOTH).voice());
        assertEquals("female", BaseVoiceSelector.closest(profile(130, FEMALE_FORMANTS), BOTH).voice());
    }

    @Test
    void distanceAddsTheLogPitchAndLogFormantRatios() {
        double[] higher = {550, 1595, 2695};
        assertEquals(Math.log(2) + Math.log(1.1), BaseVoiceSelector.distance(profile(200, higher), profile(100, MALE_FORMANTS)), 1e-9);
        assertEquals(BaseVoiceSelector.distance(profile(50, MALE_FORMANTS), profile(100, MALE_FORMANTS)),
                BaseVoiceSelector.distance(profile(200, MALE_FORMANTS), profile(100, MALE_FORMANTS)), 1e-12);
        assertEquals(0, BaseVoiceSelector.distance(MALE.profile(), MALE.profile()), 1e-12);
    }

    @Test
    void theFirstListedWinsATieAndAnEmptyListIsAnError() {
        BaseVoiceCalibration twin = new BaseVoiceCalibration("twin", MALE.profile(), 102);
        assertEquals("male", BaseVoiceSelector.closest(profile(90, MALE_FORMANTS), List.of(MALE, twin)).voice());
        assertEquals("twin", BaseVoiceSelector.closest(profile(90, MALE_FORMANTS), List.of(twin, MALE)).voice());
        assertThrows(IllegalArgumentException.class, () -> BaseVoiceSelector.closest(MALE.profile(), List.of()));
    }
}
