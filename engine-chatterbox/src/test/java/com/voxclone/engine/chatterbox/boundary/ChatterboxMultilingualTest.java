package com.voxclone.engine.chatterbox.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.chatterbox.control.TextFrontEnd;
import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chatterbox Multilingual through ONNX Runtime on stand-in graphs: told apart from the original by its tokenizer, its
 * text in the request's language with that language's tag, and a clear refusal for what it cannot speak here.
 */
class ChatterboxMultilingualTest {

    @TempDir
    static Path dir;

    static ChatterboxEngine engine;

    @BeforeAll
    static void start() throws Exception {
        StandInModels.writeMultilingualDirectory(dir.resolve("model"), StandInModels.Spec.small(120));
        engine = new ChatterboxEngine(ChatterboxConfig.of(dir.resolve("model")).withProvider("cpu"));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static VoiceSettings in(String language) {
        return new VoiceSettings(0.5, 0.5, 2048, 0.8, 1.0, 7L, language);
    }

    @Test
    void theTokenizerTellsMultilingualFromTheOriginalAndItsReleaseIsRecorded() {
        assertEquals(ModelFamily.MULTILINGUAL, engine.family());
        assertEquals("chatterbox-multilingual", engine.describe().modelId());
        assertTrue(engine.describe().model().startsWith("onnx-community/chatterbox-multilingual-ONNX"), engine.describe().model());
        SpeakerConditioning voice = engine.enroll(List.of(new PcmAudio(ChatterboxEngineTest.reference(24_000 * 3), 24_000)));
        assertEquals("chatterbox-multilingual", voice.model());
    }

    @Test
    void frenchTextIsTaggedLowerCasedAndDecomposed() throws Exception {
        try (TextFrontEnd frontEnd = new TextFrontEnd(dir.resolve("model/tokenizer.json"), dir.resolve("cache"), ModelFamily.MULTILINGUAL)) {
            // By hand from the stand-in's vocabulary: [fr] c a f e U+0301 [SPACE] a u [SPACE] l a i t . in the template.
            assertArrayEquals(new long[] {6563, 255, 634, 57, 40, 62, 41, 63, 2, 40, 45, 2, 50, 40, 52, 51, 9, 0, 6561, 6561},
                    frontEnd.encode(frontEnd.normalize("Café au lait", "fr")));
        }
    }

    @Test
    void chineseTextIsTaggedSplitIntoWordsAndWrittenInCangjieCodes() throws Exception {
        try (TextFrontEnd frontEnd = new TextFrontEnd(dir.resolve("model/tokenizer.json"), dir.resolve("cache"), ModelFamily.MULTILINGUAL)) {
            // By hand from the stand-in's vocabulary and table: [zh], 你 o n f end, 好 v n d end, [SPACE] . in the template.
            assertArrayEquals(new long[] {6563, 255, 725, 2014, 2013, 2005, 2064, 2021, 2013, 2003, 2064, 2, 9, 0, 6561, 6561},
                    frontEnd.encode(frontEnd.normalize("你好", "zh")));
        }
    }

    @Test
    void itSpeaksTheRequestsLanguage() {
        SpeakerConditioning voice = engine.enroll(List.of(new PcmAudio(ChatterboxEngineTest.reference(24_000 * 3), 24_000)));
        PcmAudio french = engine.synthesizeAll(voice, "Café au lait", in("fr"));
        assertTrue(french.samples().length > 0);
        PcmAudio korean = engine.synthesizeAll(voice, "한국", in("ko"));
        assertTrue(korean.samples().length > 0);
        PcmAudio japanese = engine.synthesizeAll(voice, "東京に行きます", in("ja"));
        assertTrue(japanese.samples().length > 0);
        PcmAudio chinese = engine.synthesizeAll(voice, "你好", in("zh"));
        assertTrue(chinese.samples().length > 0);
        PcmAudio hebrew = engine.synthesizeAll(voice, "שלום", in("he"));
        assertTrue(hebrew.samples().length > 0);
    }

    @Test
    void aLanguageTheModelDoesNotSpeakIsARefusedRequestNotAnEngineFailure() {
        SpeakerConditioning voice = engine.enroll(List.of(new PcmAudio(ChatterboxEngineTest.reference(24_000 * 3), 24_000)));
        EngineException refused = assertThrows(EngineException.class, () -> engine.synthesizeAll(voice, "Dobrý den", in("cs")));
        assertTrue(refused.refusedInput(), refused.getMessage());
        assertFalse(refused.retryable());
        assertTrue(refused.getMessage().contains("not 'cs'"), refused.getMessage());
    }

    @Test
    void withoutItsCangjieTableMultilingualDoesNotStartAndTheTableIsNamed() throws Exception {
        Path incomplete = StandInModels.writeMultilingualDirectory(dir.resolve("no-table"), StandInModels.Spec.small(120));
        Files.delete(incomplete.resolve("Cangjie5_TC.json"));
        EngineException refused = assertThrows(EngineException.class,
                () -> new ChatterboxEngine(ChatterboxConfig.of(incomplete).withProvider("cpu")));
        assertTrue(refused.getMessage().contains("Cangjie5_TC.json (Chinese character table (Chatterbox Multilingual)): missing"),
                refused.getMessage());
    }

    @Test
    void theOriginalModelSpeaksEnglishOnlyAndSaysSo() throws Exception {
        Path original = StandInModels.writeModelDirectory(dir.resolve("original"), StandInModels.Spec.small(120));
        try (ChatterboxEngine english = new ChatterboxEngine(ChatterboxConfig.of(original).withProvider("cpu"))) {
            assertEquals(ModelFamily.ORIGINAL, english.family());
            SpeakerConditioning voice = english.enroll(List.of(new PcmAudio(ChatterboxEngineTest.reference(24_000 * 3), 24_000)));
            EngineException refused = assertThrows(EngineException.class, () -> english.synthesizeAll(voice, "Bonjour", in("fr")));
            assertTrue(refused.getMessage().contains("chatterbox speaks English (en) only, not 'fr'"), refused.getMessage());
        }
    }
}
