package com.voxclone.engine.offline.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.engine.offline.boundary.OfflineVoiceEngine;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The acceptance criteria for cloned voices, per reference: the base voice chosen is the expected one (the male voice
 * for low references, the female one for the high one); median F0 within 10 % of the reference's; speaker distance to
 * the reference smaller than the chosen plain base voice's; word error rate at most 0.15 above that base voice's.
 * The first two also for the chosen base voice's recording converted toward the reference (speech-to-speech).
 * Needs the Debian packages espeak-ng and pocketsphinx-testdata.
 */
class OfflineQualityTest {

    private static OfflineVoiceEngine engine;
    private static QualityEvaluation evaluation;

    @BeforeAll
    static void start() {
        engine = new OfflineVoiceEngine();
        engine.warmUp();
        evaluation = new QualityEvaluation(engine, new SpeechRecognizer());
    }

    @TestFactory
    Stream<DynamicTest> clonedVoicesMeetTheQualityCriteria() {
        return QualityEvaluation.references().stream().map(reference -> DynamicTest.dynamicTest(reference.name(), () -> {
            QualityEvaluation.Row row = evaluation.evaluate(reference);
            System.out.println(row);
            assertEquals(reference.expectedBaseVoice(), row.baseVoice(), "base voice chosen for " + reference.name());
            assertTrue(row.f0Error() <= 0.10, () -> String.format("median F0 %.1f Hz is more than 10 %% from the reference's %.1f Hz",
                    row.outputF0(), row.referenceF0()));
            assertTrue(row.outputDistance() < row.baseDistance(), () -> String.format(
                    "speaker distance to the reference %.3f is not below the base voice's %.3f", row.outputDistance(), row.baseDistance()));
            assertTrue(row.outputWer() <= row.baseWer() + 0.15, () -> String.format(
                    "word error rate %.2f exceeds the base voice's %.2f by more than 0.15 (heard: %s)",
                    row.outputWer(), row.baseWer(), row.outputTranscript()));
            assertTrue(Math.abs(row.convertedF0() / row.referenceF0() - 1) <= 0.10, () -> String.format(
                    "converted recording's median F0 %.1f Hz is more than 10 %% from the reference's %.1f Hz", row.convertedF0(), row.referenceF0()));
            assertTrue(row.convertedDistance() < row.baseDistance(), () -> String.format(
                    "converted recording's speaker distance %.3f is not below the base voice's %.3f", row.convertedDistance(), row.baseDistance()));
        }));
    }
}
