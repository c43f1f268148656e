package com.voxclone.engine.offline.quality;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.engine.offline.boundary.OfflineVoiceEngine;
import com.voxclone.engine.offline.control.PitchTracker;
import com.voxclone.engine.offline.control.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The offline engine's quality evaluation, shared by the tests and the benchmark: four reference voices (a low and a
 * high synthetic voice, two real recordings), each enrolled and then used to speak the same evaluation text; the output
 * is compared with the reference (pitch, speaker distance) and with the plain base voice (speaker distance,
 * intelligibility).
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

    public record Reference(String name, Supplier<PcmAudio> audio) {
    }

    /**
     * One reference's measurements. F0 in Hz; distances as {@link SpeakerDistance}; word error rates 0-1. "converted"
     * is the base voice's recording of the text put through speech-to-speech conversion toward the reference.
     */
    public record Row(String reference, double referenceF0, double outputF0, double baseF0, double outputDistance,
                      double baseDistance, double outputWer, double baseWer, String outputTranscript,
                      double convertedF0, double convertedDistance) {

        public double f0Error() {
            return Math.abs(outputF0 / referenceF0 - 1);
        }
    }

    public static List<Reference> references() {
        return List.of(
                new Reference("synthetic low (espeak-ng en-us+m3 -p 15)",
                        () -> SpeechFixtures.espeak("en-us+m3", 15, SYNTHETIC_REFERENCE_TEXT)),
                new Reference("synthetic high (espeak-ng en-us+f4 -p 85)",
                        () -> SpeechFixtures.espeak("en-us+f4", 85, SYNTHETIC_REFERENCE_TEXT)),
                new Reference("real: librivox sense_and_sensibility 0870",
                        () -> SpeechFixtures.pocketsphinx("librivox/sense_and_sensibility_01_austen_64kb-0870.wav")),
                new Reference("real: numbers.raw",
                        () -> SpeechFixtures.pocketsphinx("numbers.raw")));
    }

    private final OfflineVoiceEngine engine;
    private final SpeechRecognizer recognizer;
    private PcmAudio baseOutput;
    private double baseWer = Double.NaN;

    public QualityEvaluation(OfflineVoiceEngine engine, SpeechRecognizer recognizer) {
        this.engine = engine;
        this.recognizer = recognizer;
    }

    public PcmAudio baseOutput() {
        if (baseOutput == null) {
            baseOutput = engine.synthesizeWithBaseVoice(TEXT);
            baseWer = SpeechRecognizer.wordErrorRate(TEXT, recognizer.transcribe(baseOutput));
        }
        return baseOutput;
    }

    public Row evaluate(Reference reference) {
        PcmAudio base = baseOutput();
        PcmAudio referenceAudio = reference.audio().get();
        SpeakerConditioning conditioning = engine.enroll(List.of(referenceAudio));
        PcmAudio output = engine.synthesizeAll(conditioning, TEXT, SETTINGS);
        String transcript = recognizer.transcribe(output);
        PcmAudio converted = engine.convert(conditioning, base, SETTINGS);
        return new Row(reference.name(), medianF0(referenceAudio), medianF0(output), medianF0(base),
                SpeakerDistance.between(output, referenceAudio), SpeakerDistance.between(base, referenceAudio),
                SpeechRecognizer.wordErrorRate(TEXT, transcript), baseWer, transcript,
                medianF0(converted), SpeakerDistance.between(converted, referenceAudio));
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
