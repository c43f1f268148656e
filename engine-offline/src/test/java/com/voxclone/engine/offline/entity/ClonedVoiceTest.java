package com.voxclone.engine.offline.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClonedVoiceTest {

    static SpeakerProfile sample(double[] formants) {
        double[] ltas = new double[32];
        for (int i = 0; i < ltas.length; i++) {
            ltas[i] = 10 - i * 0.625;
        }
        return new SpeakerProfile(5.5, 3.25, 118.5, 95.0, 150.25, 2.75, formants, ltas, -7.5, 4.125, -23.5);
    }

    private static String json(ClonedVoice voice) {
        return new String(voice.toBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void survivesSerialisationWithItsBaseVoice() {
        ClonedVoice voice = new ClonedVoice(sample(new double[] {500, 1500, 2500}), "kevin16");
        ClonedVoice read = ClonedVoice.fromBytes(voice.toBytes());
        assertEquals(voice, read);
        assertEquals(118.5, read.profile().f0MedianHz());
        assertEquals(2500, read.profile().formantsHz()[2]);
        assertEquals("kevin16", read.baseVoice());
    }

    @Test
    void survivesSerialisationWithoutFormants() {
        assertNull(ClonedVoice.fromBytes(new ClonedVoice(sample(null), "cmu-slt-hsmm").toBytes()).profile().formantsHz());
    }

    @Test
    void carriesItsFormatVersion() {
        assertTrue(json(new ClonedVoice(sample(null), "kevin16")).contains("\"version\":\"offline-analysis/2\""));
        assertEquals("offline-analysis/2", ClonedVoice.FORMAT);
    }

    @Test
    void readsTheFirstFormatWhichHadNoBaseVoice() {
        String first = json(new ClonedVoice(sample(new double[] {500, 1500, 2500}), "kevin16"))
                .replace("offline-analysis/2", "offline-analysis/1").replace(",\"baseVoice\":\"kevin16\"", "");
        ClonedVoice read = ClonedVoice.fromBytes(bytes(first));
        assertNull(read.baseVoice());
        assertEquals(sample(new double[] {500, 1500, 2500}), read.profile());
    }

    @Test
    void refusesAnotherVersion() {
        String other = json(new ClonedVoice(sample(null), "kevin16")).replace("offline-analysis/2", "offline-analysis/0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClonedVoice.fromBytes(bytes(other)));
        assertTrue(e.getMessage().contains("offline-analysis/0"));
    }

    @Test
    void refusesTheCurrentFormatWithoutABaseVoice() {
        String missing = json(new ClonedVoice(sample(null), "kevin16")).replace(",\"baseVoice\":\"kevin16\"", "");
        assertThrows(IllegalArgumentException.class, () -> ClonedVoice.fromBytes(bytes(missing)));
    }

    @Test
    void refusesDataThatIsNotAProfile() {
        assertThrows(IllegalArgumentException.class, () -> ClonedVoice.fromBytes(bytes("not json")));
        assertThrows(IllegalArgumentException.class, () -> ClonedVoice.fromBytes(bytes("{\"version\":\"offline-analysis/1\"}")));
    }
}
