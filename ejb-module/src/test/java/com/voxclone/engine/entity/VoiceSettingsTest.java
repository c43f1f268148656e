package com.voxclone.engine.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.platform.entity.Violation;
import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoiceSettingsTest {

    @Test
    void missingFieldsTakeTheBaseValues() {
        VoiceSettings base = new VoiceSettings(1.0, 2.0, 1024, 0.5, 1.5, 42L);
        VoiceSettings.Result r = VoiceSettings.parse(Map.of("exaggeration", "0.7"), base);
        assertTrue(r.valid());
        assertEquals(new VoiceSettings(0.7, 2.0, 1024, 0.5, 1.5, 42L), r.settings());
    }

    @Test
    void everyInvalidFieldIsReportedWithItsRange() {
        VoiceSettings.Result r = VoiceSettings.parse(Map.of("exaggeration", "2.5", "cfgWeight", "0.4", "chunkSize", "100",
                "temperature", "x", "speed", "9", "seed", "1.5"), VoiceSettings.defaults());
        assertFalse(r.valid());
        assertNull(r.settings());
        assertEquals(List.of("exaggeration", "cfgWeight", "chunkSize", "temperature", "speed", "seed"),
                r.violations().stream().map(Violation::field).toList());
        assertEquals("exaggeration must be between 0.25 and 2, was 2.5", r.violations().get(0).message());
        assertEquals("chunkSize must be between 512 and 4096, was 100", r.violations().get(2).message());
    }

    @Test
    void aLanguageIsACodeThatEachModelSpeaksOrSaysItDoesNot() {
        for (String english : List.of("en", "EN", "en-GB", "en_us")) {
            VoiceSettings.Result r = VoiceSettings.parse(Map.of("language", english), VoiceSettings.defaults());
            assertTrue(r.valid(), english);
            assertEquals("en", r.settings().spokenLanguage());
            assertEquals(Optional.empty(), r.settings().languageProblem("offline"));
        }
        VoiceSettings.Result klingon = VoiceSettings.parse(Map.of("language", "tlh"), VoiceSettings.defaults());
        assertEquals(List.of(new Violation("language", "language must be a language code such as en, fr or pt-BR, was 'tlh'")),
                klingon.violations());

        VoiceSettings german = VoiceSettings.parse(Map.of("language", "de-AT"), VoiceSettings.defaults()).settings();
        assertEquals("de", german.language());
        assertEquals(Optional.empty(), german.languageProblem("chatterbox-multilingual"));
        assertEquals("the model offline speaks English (en) only, not 'de'; chatterbox-multilingual speaks it",
                german.languageProblem("offline").orElseThrow().message());
        assertEquals("the model chatterbox-turbo speaks English (en) only, not 'de-AT'; chatterbox-multilingual speaks it",
                VoiceSettings.languageProblem("de-AT", "chatterbox-turbo").orElseThrow().message());
        assertEquals("the model chatterbox-multilingual speaks ar, da, de, el, en, es, fi, fr, he, hi, it, ja, ko, ms, nl, no, "
                + "pl, pt, ru, sv, sw, tr, zh, not 'cs'", VoiceSettings.languageProblem("cs", "chatterbox-multilingual").orElseThrow().message());
        for (String language : List.of("ja", "zh-TW", "he")) {
            assertEquals(Optional.empty(), VoiceSettings.languageProblem(language, "chatterbox-multilingual"), language);
        }
        // A voice keeps its language, and a request's settings over it keep it unless they name another.
        VoiceSettings stored = VoiceSettings.fromJson(german.toJsonString());
        assertEquals("de", stored.language());
        assertEquals("de", VoiceSettings.parse(Map.of("speed", "1.2"), stored).settings().language());
        assertEquals("fr", VoiceSettings.parse(Map.of("language", "fr"), stored).settings().language());
    }

    @Test
    void boundsAreInclusiveAndChunkSizeMustBeWhole() {
        assertTrue(VoiceSettings.parse(Map.of("exaggeration", "0.25", "cfgWeight", "3.0", "chunkSize", "4096"), VoiceSettings.defaults()).valid());
        VoiceSettings.Result fractional = VoiceSettings.parse(Map.of("chunkSize", "1024.5"), VoiceSettings.defaults());
        assertFalse(fractional.valid());
        assertTrue(fractional.violations().get(0).message().contains("whole number"));
        assertFalse(VoiceSettings.parse(Map.of("exaggeration", "NaN"), VoiceSettings.defaults()).valid());
    }

    @Test
    void jsonRoundTripKeepsEveryValue() {
        VoiceSettings s = new VoiceSettings(1.25, 0.75, 512, 0.3, 0.9, 123456789012L);
        assertEquals(s, VoiceSettings.fromJson(s.toJsonString()));
        VoiceSettings noSeed = VoiceSettings.defaults();
        assertEquals(noSeed, VoiceSettings.fromJson(noSeed.toJsonString()));
        assertEquals(VoiceSettings.defaults(), VoiceSettings.fromJson("{}"));
    }

    @Test
    void jsonBodiesAreReadLikeFormFields() {
        var body = Json.createObjectBuilder().add("text", "Hi").add("exaggeration", 1.5).add("seed", 7).addNull("speed").build();
        Map<String, String> fields = VoiceSettings.fieldsOf(body);
        assertEquals("1.5", fields.get("exaggeration"));
        assertFalse(fields.containsKey("speed"));
        VoiceSettings.Result r = VoiceSettings.parse(fields, VoiceSettings.defaults());
        assertEquals(1.5, r.settings().exaggeration());
        assertEquals(7L, r.settings().seed());
    }

    @Test
    void turboReportsTheExaggerationAndGuidanceItCannotUseOnlyWhenTheyWereSet() {
        assertEquals(List.of(), VoiceSettings.defaults().ignoredBy("chatterbox-turbo"));
        VoiceSettings set = VoiceSettings.parse(Map.of("exaggeration", "1.2", "cfgWeight", "0.9", "temperature", "0.6"),
                VoiceSettings.defaults()).settings();
        assertEquals(List.of("exaggeration", "cfgWeight"), set.ignoredBy("chatterbox-turbo"));
        assertEquals(List.of(), set.ignoredBy("chatterbox"));
        assertEquals(List.of(), set.ignoredBy("offline"));
        assertEquals(List.of("cfgWeight"), VoiceSettings.parse(Map.of("cfgWeight", "2"), VoiceSettings.defaults()).settings()
                .ignoredBy("chatterbox-turbo"));
    }
}
