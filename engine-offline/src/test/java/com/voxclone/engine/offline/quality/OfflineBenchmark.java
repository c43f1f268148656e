package com.voxclone.engine.offline.quality;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.engine.offline.boundary.OfflineVoiceEngine;
import com.voxclone.engine.offline.control.MaryTtsVoice;
import com.voxclone.engine.offline.entity.OfflineEngineConfig;
import com.voxclone.engine.offline.entity.ProsodyTargets;
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
 * The offline engine's benchmark (run by bench/offline/run.sh, which sets {@code offline.bench.output}): warm
 * synthesis speed against plain MaryTTS on the same text in the same run, memory after warm-up, and the quality table
 * of {@link QualityEvaluation}. Writes a Markdown section.
 */
@EnabledIfSystemProperty(named = "offline.bench.output", matches = ".+")
class OfflineBenchmark {

    private static final String SPEED_TEXT = "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background. "
            + "It is easy to tell the depth of a well. These days a chicken leg is a rare dish. "
            + "Rice is often served in round bowls. The juice of lemons makes fine punch. "
            + "The box was thrown beside the parked truck. The hogs were fed chopped corn and garbage.";
    private static final int ROUNDS = 5;

    @Test
    void measureAndWriteResults() throws IOException {
        OfflineVoiceEngine engine = new OfflineVoiceEngine();
        long startNanos = System.nanoTime();
        engine.warmUp();
        double warmUpSeconds = (System.nanoTime() - startNanos) / 1e9;
        MaryTtsVoice plain = new MaryTtsVoice(OfflineEngineConfig.defaults().baseVoice());
        SpeakerConditioning voice = engine.enroll(List.of(QualityEvaluation.references().get(2).audio().get()));
        VoiceSettings settings = VoiceSettings.defaults();

        // Alternate the two so background load hits both alike; the first round of each is JIT warm-up.
        double[] plainSeconds = new double[ROUNDS];
        double[] engineSeconds = new double[ROUNDS];
        double audioSeconds = 0;
        double plainAudioSeconds = 0;
        for (int round = -1; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            PcmAudio plainAudio = plain.synthesize(SPEED_TEXT, ProsodyTargets.NEUTRAL);
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
        double plainMedian = median(plainSeconds);
        double engineMedian = median(engineSeconds);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        double heapMb = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
        double rssMb = residentMb();

        QualityEvaluation evaluation = new QualityEvaluation(engine, new SpeechRecognizer());
        List<QualityEvaluation.Row> rows = evaluation.evaluateAll();

        StringBuilder md = new StringBuilder();
        md.append("## Offline engine\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s on %s (%d cores available to the JVM, %s %s), Java %s. "
                        + "Produced by `bench/offline/run.sh`.%n%n", LocalDate.now(), machine(), rt.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version")));
        md.append("### Speed (warm, same text, same run)\n\n");
        md.append("| measure | value |\n|---|---|\n");
        md.append(String.format(Locale.ROOT, "| audio length: plain / cloned voice (reference's tempo) | %.2f s / %.2f s |%n",
                plainAudioSeconds, audioSeconds));
        md.append(String.format(Locale.ROOT, "| plain MaryTTS (cmu-slt-hsmm, 48 kHz), median of %d | %.3f s (%.1fx real time) |%n",
                ROUNDS, plainMedian, plainAudioSeconds / plainMedian));
        md.append(String.format(Locale.ROOT, "| offline engine, cloned voice, 24 kHz, median of %d | %.3f s (%.1fx real time) |%n",
                ROUNDS, engineMedian, audioSeconds / engineMedian));
        md.append(String.format(Locale.ROOT, "| **engine / plain MaryTTS time** | **%.2f** (target at most 1.5) |%n", engineMedian / plainMedian));
        md.append(String.format(Locale.ROOT, "| engine start + calibration (cold) | %.1f s |%n", warmUpSeconds));
        md.append(String.format(Locale.ROOT, "| heap in use after warm-up and runs | %.0f MB |%n", heapMb));
        md.append(String.format(Locale.ROOT, "| resident memory of the benchmark JVM after warm-up and speed runs | %.0f MB |%n", rssMb));
        md.append(String.format(Locale.ROOT, "| system load average when measured (other work shares the cores) | %s |%n%n", loadAverage()));
        md.append("### Quality (4 references, converted output vs unconverted base voice)\n\n");
        md.append("Text: \"" + QualityEvaluation.TEXT + "\". Median F0 by the engine's YIN tracker; speaker distance = symmetric KL "
                + "divergence between diagonal Gaussians of MFCC c1-c12 over speech frames, per coefficient (lower is closer); "
                + "WER by Sphinx4 5prealpha en-us (high in absolute terms, used as a relative measure).\n\n");
        md.append("\"converted\": the base voice's recording of the same text put through speech-to-speech conversion "
                + "(`VoiceEngine.convert`) toward the reference.\n\n");
        md.append("| reference | F0 ref | F0 out | F0 base | F0 error (<= 10 %) | distance out | distance base | WER out | WER base "
                + "| F0 converted | distance converted | criteria |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (QualityEvaluation.Row r : rows) {
            boolean pass = r.f0Error() <= 0.10 && r.outputDistance() < r.baseDistance() && r.outputWer() <= r.baseWer() + 0.15
                    && Math.abs(r.convertedF0() / r.referenceF0() - 1) <= 0.10 && r.convertedDistance() < r.baseDistance();
            md.append(String.format(Locale.ROOT, "| %s | %.1f Hz | %.1f Hz | %.1f Hz | %.1f %% | %.3f | %.3f | %.2f | %.2f | %.1f Hz | %.3f | %s |%n",
                    r.reference(), r.referenceF0(), r.outputF0(), r.baseF0(), 100 * r.f0Error(), r.outputDistance(),
                    r.baseDistance(), r.outputWer(), r.baseWer(), r.convertedF0(), r.convertedDistance(), pass ? "pass" : "FAIL"));
        }
        md.append('\n');
        Files.writeString(Path.of(System.getProperty("offline.bench.output")), md.toString());
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
