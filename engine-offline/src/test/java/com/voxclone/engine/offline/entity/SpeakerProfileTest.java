package com.voxclone.engine.offline.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpeakerProfileTest {

    static SpeakerProfile sample(double[] formants) {
        double[] ltas = new double[32];
        for (int i = 0; i < ltas.length; i++) {
            ltas[i] = 10 - i * 0.625;
        }
        return new SpeakerProfile(5.5, 3.25, 118.5, 95.0, 150.25, 2.75, formants, ltas, -7.5, 4.125, -23.5);
    }

    @Test
    void survivesSerialisation() {
        SpeakerProfile profile = sample(new double[] {500, 1500, 2500});
        SpeakerProfile read = SpeakerProfile.fromBytes(profile.toBytes());
        assertEquals(profile, read);
        assertEquals(118.5, read.f0MedianHz());
        assertEquals(2500, read.formantsHz()[2]);
    }

    @Test
    void survivesSerialisationWithoutFormants() {
        assertNull(SpeakerProfile.fromBytes(sample(null).toBytes()).formantsHz());
    }

    @Test
    void carriesItsFormatVersion() {
        assertTrue(new String(sample(null).toBytes(), StandardCharsets.UTF_8).contains("\"version\":\"offline-analysis/1\""));
    }

    @Test
    void refusesAnotherVersion() {
        String other = new String(sample(null).toBytes(), StandardCharsets.UTF_8).replace("offline-analysis/1", "offline-analysis/0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeakerProfile.fromBytes(other.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("offline-analysis/0"));
    }

    @Test
    void refusesDataThatIsNotAProfile() {
        assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.fromBytes("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class,
                () -> SpeakerProfile.fromBytes("{\"version\":\"offline-analysis/1\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
