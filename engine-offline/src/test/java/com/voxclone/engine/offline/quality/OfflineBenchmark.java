package com.voxclone.engine.offline.quality;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.engine.offline.boundary.OfflineVoiceEngine;
import com.voxclone.engine.offline.entity.BaseVoiceCalibration;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The offline engine's benchmark (run by bench/offline/run.sh, which sets {@code offline.bench.output}): per base voice,
 * warm synthesis speed of a cloned voice that the engine gave that base voice against the plain base voice on the same
 * text in the same run; memory after warm-up; and the quality table of {@link QualityEvaluation}. Writes a Markdown
 * section.
 */
@EnabledIfSystemProperty(named = "offline.bench.output", matches = ".+")
class OfflineBenchmark {

    private static final String SPEED_TEXT = "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background. "
            + "It is easy to tell the depth of a well. These days a chicken leg is a rare dish. "
            + "Rice is often served in round bowls. The juice of lemons makes fine punch. "
            + "The box was thrown beside the parked truck. The hogs were fed chopped corn and garbage.";
    private static final int ROUNDS = 5;
    private static final double MIN_REAL_TIME_FACTOR = 5;
    private static final double MAX_TIME_RATIO = 1.5;

    /** One base voice's speed measurement: medians of the plain voice and of the engine speaking a voice it chose for. */
    private record Speed(String baseVoice, String reference, double plainSeconds, double plainAudioSeconds,
                         double engineSeconds, double engineAudioSeconds) {

        double engineRealTimeFactor() {
            return engineAudioSeconds / engineSeconds;
        }

        double ratio() {
            return engineSeconds / plainSeconds;
        }

        /** The yardstick: plain MaryTTS speaking the same text, whichever base voice the engine used. */
        double ratioToMaryTts(double plainMaryTtsSeconds) {
            return engineSeconds / plainMaryTtsSeconds;
        }

        boolean passes(double plainMaryTtsSeconds) {
            return engineRealTimeFactor() >= MIN_REAL_TIME_FACTOR && ratioToMaryTts(plainMaryTtsSeconds) <= MAX_TIME_RATIO;
        }
    }

    @Test
    void measureAndWriteResults() throws IOException {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        double heapBeforeMb = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
        OfflineVoiceEngine engine = new OfflineVoiceEngine();
        long startNanos = System.nanoTime();
        engine.warmUp();
        double warmUpSeconds = (System.nanoTime() - startNanos) / 1e9;
        System.gc();
        double baseVoicesHeapMb = (rt.totalMemory() - rt.freeMemory()) / 1048576.0 - heapBeforeMb;

        List<Speed> speeds = new ArrayList<>();
        for (BaseVoiceCalibration base : engine.calibrations()) {
            speeds.add(measureSpeed(engine, base.voice()));
        }
        System.gc();
        double heapMb = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
        double rssMb = residentMb();

        QualityEvaluation evaluation = new QualityEvaluation(engine, new SpeechRecognizer());
        List<QualityEvaluation.Row> rows = evaluation.evaluateAll();

        StringBuilder md = new StringBuilder();
        md.append("## Offline engine\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s on %s (%d cores available to the JVM, %s %s), Java %s. "
                        + "Produced by `bench/offline/run.sh`.%n%n", LocalDate.now(), machine(), rt.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version")));
        md.append("### Speed (warm, same text, same run, per base voice)\n\n");
        md.append(String.format(Locale.ROOT, "Median of %d rounds each, the plain base voice and the engine alternating. \"plain\": "
                + "the base voice's own output at its own rate (MaryTTS 48 kHz, FreeTTS 16 kHz), no conversion; \"engine\": "
                + "a cloned voice the engine chose that base voice for, 24 kHz, all conversion steps. Targets: engine at "
                + "least %.0fx real time, engine time at most %.1fx that of plain MaryTTS (cmu-slt-hsmm) for the same text. "
                + "\"engine / plain\" compares with the base voice's own plain speech: FreeTTS is so fast that the "
                + "conversion dominates there.%n%n", ROUNDS, MIN_REAL_TIME_FACTOR, MAX_TIME_RATIO));
        double plainMaryTts = speeds.stream().filter(sp -> sp.baseVoice().equals("cmu-slt-hsmm")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the MaryTTS base voice is needed as the yardstick")).plainSeconds();
        md.append("| base voice | cloned from | audio plain / engine | plain | engine | engine / plain | **engine / plain MaryTTS** | targets |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Speed s : speeds) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.2f s / %.2f s | %.3f s (%.1fx real time) | %.3f s (%.1fx real time) | %.2f | **%.2f** | %s |%n",
                    s.baseVoice(), s.reference(), s.plainAudioSeconds(), s.engineAudioSeconds(), s.plainSeconds(),
                    s.plainAudioSeconds() / s.plainSeconds(), s.engineSeconds(), s.engineRealTimeFactor(), s.ratio(),
                    s.ratioToMaryTts(plainMaryTts), s.passes(plainMaryTts) ? "pass" : "FAIL"));
        }
        md.append("\n| measure | value |\n|---|---|\n");
        md.append(String.format(Locale.ROOT, "| engine start + calibration of all base voices (cold) | %.1f s |%n", warmUpSeconds));
        md.append(String.format(Locale.ROOT, "| heap taken by the loaded base voices (after GC) | %.0f MB |%n", baseVoicesHeapMb));
        md.append(String.format(Locale.ROOT, "| heap in use after warm-up and speed runs | %.0f MB |%n", heapMb));
        md.append(String.format(Locale.ROOT, "| resident memory of the benchmark JVM after warm-up and speed runs | %.0f MB |%n", rssMb));
        md.append(String.format(Locale.ROOT, "| system load average when measured (other work shares the cores) | %s |%n%n", loadAverage()));
        md.append("### Quality (4 references, converted output vs the chosen unconverted base voice)\n\n");
        md.append("Text: \"" + QualityEvaluation.TEXT + "\". Base voice: the one the engine chose for the reference (closest in "
                + "log F0 and log formant ratio); \"base\" columns are that voice's plain speech of the text. Median F0 by the "
                + "engine's YIN tracker; speaker distance = symmetric KL divergence between diagonal Gaussians of MFCC c1-c12 over "
                + "speech frames, per coefficient (lower is closer); WER by Sphinx4 5prealpha en-us (high in absolute terms, "
                + "used as a relative measure).\n\n");
        md.append("\"converted\": the chosen base voice's recording of the same text put through speech-to-speech conversion "
                + "(`VoiceEngine.convert`) toward the reference.\n\n");
        md.append("\"cross-check\": median F0 of reference and output measured again by an independent tracker (normalised "
                + "cross-correlation, not the engine's YIN).\n\n");
        md.append("| reference | base voice | F0 ref | F0 out | F0 base | F0 error (<= 10 %) | F0 ref / out, cross-check | distance out "
                + "| distance base | WER out | WER base | F0 converted | distance converted | criteria |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (QualityEvaluation.Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f Hz | %.1f Hz | %.1f Hz | %.1f %% | %.1f / %.1f Hz (%.1f %%) | %.3f | %.3f "
                            + "| %.2f | %.2f | %.1f Hz | %.3f | %s |%n",
                    r.reference(), r.baseVoice(), r.referenceF0(), r.outputF0(), r.baseF0(), 100 * r.f0Error(),
                    r.referenceF0CrossCheck(), r.outputF0CrossCheck(), 100 * r.f0ErrorCrossCheck(), r.outputDistance(),
                    r.baseDistance(), r.outputWer(), r.baseWer(), r.convertedF0(), r.convertedDistance(),
                    r.unmetCriteria().isEmpty() ? "pass" : "FAIL"));
        }
        md.append('\n');
        Files.writeString(Path.of(System.getProperty("offline.bench.output")), md.toString());
    }

    /** Plain base voice against the engine speaking the first reference the engine gives that base voice. */
    private static Speed measureSpeed(OfflineVoiceEngine engine, String baseVoice) {
        QualityEvaluation.Reference reference = null;
        SpeakerConditioning voice = null;
        for (QualityEvaluation.Reference candidate : QualityEvaluation.references()) {
            SpeakerConditioning enrolled = engine.enroll(List.of(candidate.audio().get()));
            if (engine.baseVoiceOf(enrolled).equals(baseVoice)) {
                reference = candidate;
                voice = enrolled;
                break;
            }
        }
        assertNotNull(voice, "no reference is given the base voice " + baseVoice);
        VoiceSettings settings = VoiceSettings.defaults();
        // Alternate the two so background load hits both alike; the first round of each is JIT warm-up.
        double[] plainSeconds = new double[ROUNDS];
        double[] engineSeconds = new double[ROUNDS];
        double audioSeconds = 0;
        double plainAudioSeconds = 0;
        for (int round = -1; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            PcmAudio plainAudio = engine.synthesizeWithBaseVoice(baseVoice, SPEED_TEXT);
            long t1 = System.nanoTime();
            PcmAudio cloned = engine.synthesizeAll(voice, SPEED_TEXT, settings);
            long t2 = System.nanoTime();
            assertFalse(plainAudio.isEmpty() || cloned.isEmpty());
            if (round >= 0) {
                plainSeconds[round] = (t1 - t0) / 1e9;
                engineSeconds[round] = (t2 - t1) / 1e9;
                audioSeconds = cloned.durationSeconds();
                plainAudioSeconds = plainAudio.durationSeconds();
            }
        }
        return new Speed(baseVoice, reference.name(), median(plainSeconds), plainAudioSeconds, median(engineSeconds), audioSeconds);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: report the JVM's own view instead
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1048576.0;
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String machine() {
        try {
            List<String> models = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    models.add(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return models.isEmpty() ? "unknown CPU" : models.get(0);
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
