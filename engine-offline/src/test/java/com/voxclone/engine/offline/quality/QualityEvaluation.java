package com.voxclone.engine.offline.quality;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.engine.offline.boundary.OfflineVoiceEngine;
import com.voxclone.engine.offline.control.PitchTracker;
import com.voxclone.engine.offline.control.Resampler;
import com.voxclone.engine.offline.control.Statistics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The offline engine's quality evaluation, shared by the tests and the benchmark: four reference voices (a low and a
 * high synthetic voice, two real recordings), each enrolled and then used to speak the same evaluation text; the output
 * is compared with the reference (pitch, speaker distance) and with the plain base voice the engine chose for that
 * reference (speaker distance, intelligibility).
 */
public final class QualityEvaluation {

    /** Spoken by every cloned voice and by the base voice; short so speech recognition stays quick. */
    public static final String TEXT = "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background. "
            + "It is easy to tell the depth of a well. The box was thrown beside the parked truck. "
            + "Four hours of steady work faced us.";

    /** Default settings with a fixed seed, so every run measures the same samples. */
    static final VoiceSettings SETTINGS = withSeed(VoiceSettings.defaults(), 20_260_101L);

    /** Synthetic references speak a different text than the evaluation text, so the comparison is not word for word. */
    static final String SYNTHETIC_REFERENCE_TEXT = "A large size in stockings is hard to sell. The boy was there when the sun rose. "
            + "Rice is often served in round bowls. The juice of lemons makes fine punch.";

    /** A reference voice and the base voice the selection rule should give it (by pitch: low references the male one). */
    public record Reference(String name, String expectedBaseVoice, Supplier<PcmAudio> audio) {
    }

    /**
     * One reference's measurements. {@code baseVoice} is the base voice the engine chose; "base" values are that voice's
     * plain speech of the text. F0 in Hz; distances as {@link SpeakerDistance}; word error rates 0-1. "converted" is the
     * chosen base voice's recording of the text put through speech-to-speech conversion toward the reference; the
     * "cross-check" F0 values are measured by {@link CrossCheckPitch} instead of the engine's own tracker.
     */
    public record Row(String reference, String baseVoice, double referenceF0, double outputF0, double baseF0, double outputDistance,
                      double baseDistance, double outputWer, double baseWer, String outputTranscript,
                      double convertedF0, double convertedDistance, double referenceF0CrossCheck, double outputF0CrossCheck) {

        public double f0Error() {
            return Math.abs(outputF0 / referenceF0 - 1);
        }

        /** The same comparison measured by the independent {@link CrossCheckPitch}. */
        public double f0ErrorCrossCheck() {
            return Math.abs(outputF0CrossCheck / referenceF0CrossCheck - 1);
        }

        /** The acceptance criteria this row misses, in words; empty when it meets them all. */
        public List<String> unmetCriteria() {
            List<String> unmet = new ArrayList<>();
            if (f0Error() > 0.10) {
                unmet.add(String.format(Locale.ROOT, "median F0 %.1f Hz is more than 10 %% from the reference's %.1f Hz", outputF0, referenceF0));
            }
            if (f0ErrorCrossCheck() > 0.10) {
                unmet.add(String.format(Locale.ROOT, "by the independent pitch measurement, median F0 %.1f Hz is more than 10 %% "
                        + "from the reference's %.1f Hz", outputF0CrossCheck, referenceF0CrossCheck));
            }
            if (outputDistance >= baseDistance) {
                unmet.add(String.format(Locale.ROOT, "speaker distance to the reference %.3f is not below the base voice's %.3f",
                        outputDistance, baseDistance));
            }
            if (outputWer > baseWer + 0.15) {
                unmet.add(String.format(Locale.ROOT, "word error rate %.2f exceeds the base voice's %.2f by more than 0.15 (heard: %s)",
                        outputWer, baseWer, outputTranscript));
            }
            if (Math.abs(convertedF0 / referenceF0 - 1) > 0.10) {
                unmet.add(String.format(Locale.ROOT, "converted recording's median F0 %.1f Hz is more than 10 %% from the reference's "
                        + "%.1f Hz", convertedF0, referenceF0));
            }
            if (convertedDistance >= baseDistance) {
                unmet.add(String.format(Locale.ROOT, "converted recording's speaker distance %.3f is not below the base voice's %.3f",
                        convertedDistance, baseDistance));
            }
            return unmet;
        }
    }

    public static List<Reference> references() {
        return List.of(
                new Reference("synthetic low (espeak-ng en-us+m3 -p 15)", MALE,
                        () -> SpeechFixtures.espeak("en-us+m3", 15, SYNTHETIC_REFERENCE_TEXT)),
                new Reference("synthetic high (espeak-ng en-us+f4 -p 85)", FEMALE,
                        () -> SpeechFixtures.espeak("en-us+f4", 85, SYNTHETIC_REFERENCE_TEXT)),
                new Reference("real: librivox sense_and_sensibility 0870", MALE,
                        () -> SpeechFixtures.pocketsphinx("librivox/sense_and_sensibility_01_austen_64kb-0870.wav")),
                new Reference("real: numbers.raw", MALE,
                        () -> SpeechFixtures.pocketsphinx("numbers.raw")));
    }

    static final String FEMALE = "cmu-slt-hsmm";
    static final String MALE = "kevin16";

    /** A base voice's plain speech of the text and its word error rate. */
    private record Baseline(PcmAudio audio, double wordErrorRate) {
    }

    private final OfflineVoiceEngine engine;
    private final SpeechRecognizer recognizer;
    private final Map<String, Baseline> baselines = new HashMap<>();

    public QualityEvaluation(OfflineVoiceEngine engine, SpeechRecognizer recognizer) {
        this.engine = engine;
        this.recognizer = recognizer;
    }

    private Baseline baseline(String baseVoice) {
        return baselines.computeIfAbsent(baseVoice, voice -> {
            // At the engine's output rate, as the cloned voices are measured.
            PcmAudio audio = Resampler.toRate(engine.synthesizeWithBaseVoice(voice, TEXT), PcmAudio.MODEL_RATE);
            return new Baseline(audio, SpeechRecognizer.wordErrorRate(TEXT, recognizer.transcribe(audio)));
        });
    }

    public Row evaluate(Reference reference) {
        PcmAudio referenceAudio = reference.audio().get();
        SpeakerConditioning conditioning = engine.enroll(List.of(referenceAudio));
        String baseVoice = engine.baseVoiceOf(conditioning);
        Baseline base = baseline(baseVoice);
        PcmAudio output = engine.synthesizeAll(conditioning, TEXT, SETTINGS);
        String transcript = recognizer.transcribe(output);
        PcmAudio converted = engine.convert(conditioning, base.audio(), SETTINGS);
        return new Row(reference.name(), baseVoice, medianF0(referenceAudio), medianF0(output), medianF0(base.audio()),
                SpeakerDistance.between(output, referenceAudio), SpeakerDistance.between(base.audio(), referenceAudio),
                SpeechRecognizer.wordErrorRate(TEXT, transcript), base.wordErrorRate(), transcript,
                medianF0(converted), SpeakerDistance.between(converted, referenceAudio),
                CrossCheckPitch.medianF0(referenceAudio), CrossCheckPitch.medianF0(output));
    }

    public List<Row> evaluateAll() {
        List<Row> rows = new ArrayList<>();
        for (Reference reference : references()) {
            rows.add(evaluate(reference));
        }
        return rows;
    }

    private static VoiceSettings withSeed(VoiceSettings s, long seed) {
        return new VoiceSettings(s.exaggeration(), s.cfgWeight(), s.chunkSize(), s.temperature(), s.speed(), seed);
    }

    static double medianF0(PcmAudio audio) {
        return Statistics.percentile(Statistics.positive(PitchTracker.track(audio)), 50);
    }
}
