package com.voxclone.engine.offline.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.voxclone.engine.offline.boundary.OfflineVoiceEngine;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The acceptance criteria for cloned voices, per reference: the base voice chosen is the expected one (the male voice
 * for low references, the female one for the high one); median F0 within 10 % of the reference's (by the engine's
 * tracker and by an independent one); speaker distance to
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
            assertEquals(List.of(), row.unmetCriteria(), "criteria missed for " + reference.name());
        }));
    }
}
