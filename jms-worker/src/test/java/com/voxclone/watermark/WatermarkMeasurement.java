package com.voxclone.watermark;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.consent.control.SpeechSamples;
import com.voxclone.engine.offline.control.BaseVoice;
import com.voxclone.engine.offline.control.FreeTtsVoice;
import com.voxclone.engine.offline.control.MaryTtsVoice;
import com.voxclone.engine.offline.control.Resampler;
import com.voxclone.engine.offline.entity.ProsodyTargets;
import com.voxclone.signal.boundary.Watermark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The watermark's robustness and false positives, for the README and RESPONSIBLE.md: clips of synthetic speech (the
 * offline engine's MaryTTS and FreeTTS voices and espeak-ng voices, at the product's 24 kHz) and real read speech
 * (pocketsphinx-testdata) and telephone prompts (asterisk-core-sounds) are marked, transformed with the ffmpeg
 * command-line tool (lossy codecs, resampling, gain, cropping) or with noise, and examined at 16 kHz as the detect
 * endpoint does; the same clips unmarked, and windows of the real recordings, give the false positives. Runs only when
 * {@code watermark.bench.output} names the results file ({@code bench/watermark/run.sh}); {@code watermark.bench.clips}
 * sets the number of synthetic clips (default 1,000), {@code watermark.bench.prompts} the number of telephone prompts
 * (default all), {@code watermark.bench.examples} a folder that receives a few clips without and with the watermark, to
 * listen to.
 */
@EnabledIfSystemProperty(named = "watermark.bench.output", matches = ".+")
class WatermarkMeasurement {

    private static final double STRENGTH_DB = 2;
    private static final double THRESHOLD = 4.5;
    /** Ids drawn from as many as an installation with a million outputs has issued. */
    private static final long ISSUED = 1_000_000;
    private static final int RATE = 24_000;
    private static final String READ_SPEECH = "real read speech";
    private static final String PROMPTS = "real telephone prompts";
    private static final List<String> ESPEAK = List.of("en-us+m1", "en-us+m3", "en-us+m7", "en-us+f1", "en-us+f3", "en-us+f4",
            "en+m2", "en+m5", "en+f2", "en-gb-x-rp+m4", "en-gb-x-rp+f5", "en-us+klatt");
    private static final String[] SUBJECTS = {"The quarterly report", "Our new portal", "The night shift", "A customer in Leeds",
            "The finance team", "Every delivery driver", "The board", "Your manager", "The building", "The support desk"};
    private static final String[] VERBS = {"shows", "needs", "describes", "changes", "explains", "delays", "improves", "mentions"};
    private static final String[] OBJECTS = {"the new schedule for the spring", "three more meetings before Friday",
            "a small change to the billing process", "the results of the customer survey", "an update to the travel policy",
            "the plans for the office move", "the safety rules for the warehouse", "a faster way to file expenses"};
    private static final String[] ENDINGS = {"Please read it before noon.", "Nobody expected that.", "We will talk about it tomorrow.",
            "Thank you for your patience.", "It starts next week.", "Call me if anything is unclear."};

    /** A transformation a clip meets in the wild: ffmpeg options for an intermediate file, or done here. */
    private record Transformation(String name, String suffix, List<String> ffmpeg) {
    }

    private static final List<Transformation> TRANSFORMATIONS = List.of(
            new Transformation("none (16 kHz analysis)", ".wav", List.of()),
            new Transformation("MP3 160 kb/s", ".mp3", List.of("-c:a", "libmp3lame", "-b:a", "160k")),
            new Transformation("MP3 128 kb/s", ".mp3", List.of("-c:a", "libmp3lame", "-b:a", "128k")),
            new Transformation("Opus 64 kb/s", ".ogg", List.of("-c:a", "libopus", "-b:a", "64k")),
            new Transformation("AAC 96 kb/s", ".m4a", List.of("-c:a", "aac", "-b:a", "96k")),
            new Transformation("resampled to 16 kHz", ".wav", List.of("-ar", "16000")),
            new Transformation("gain +6 dB (clipping where it must)", ".wav", List.of("-af", "volume=6dB")),
            new Transformation("gain -6 dB", ".wav", List.of("-af", "volume=-6dB")),
            new Transformation("cropped to 3 s (random start)", ".wav", List.of()),
            new Transformation("white noise at 20 dB SNR", ".wav", List.of()));

    private record Outcome(double score, boolean detected, boolean identifiedRight, boolean identifiedWrong) {
    }

    private final Watermark watermark = new Watermark("benchmark key", STRENGTH_DB);
    private final Map<String, List<Outcome>> marked = new ConcurrentHashMap<>();
    private final Map<String, List<Double>> unmarked = new ConcurrentHashMap<>();
    private final double[] energy = new double[2];

    @Test
    void measure() throws Exception {
        int clips = Integer.getInteger("watermark.bench.clips", 1_000);
        Path work = Files.createTempDirectory("voxclone-watermark-bench-");
        long started = System.nanoTime();
        List<BaseVoice> engines = List.of(new MaryTtsVoice("cmu-slt-hsmm"), new FreeTtsVoice());
        engines.forEach(BaseVoice::start);
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<?>> work1 = new ArrayList<>();
            for (int i = 0; i < clips; i++) {
                int clip = i;
                work1.add(pool.submit(() -> {
                    examine("synthetic", synthetic(clip, engines), clip, work);
                    return null;
                }));
            }
            List<PcmAudio> real = realRecordings();
            for (int i = 0; i < real.size(); i++) {
                int clip = i;
                work1.add(pool.submit(() -> {
                    examine(READ_SPEECH, Resampler.toRate(real.get(clip), RATE), 100_000 + clip, work);
                    realWindows(READ_SPEECH + ", 3 s windows (hop 0.5 s)", real.get(clip), Watermark.DETECTION_RATE / 2);
                    return null;
                }));
            }
            List<Path> prompts = telephonePrompts(Integer.getInteger("watermark.bench.prompts", Integer.MAX_VALUE));
            for (int i = 0; i < prompts.size(); i++) {
                int clip = i;
                work1.add(pool.submit(() -> {
                    PcmAudio prompt = SpeechSamples.telephonePrompt(prompts.get(clip));
                    if (prompt.durationSeconds() >= 3) {
                        examine(PROMPTS, Resampler.toRate(prompt, RATE), 200_000 + clip, work);
                        realWindows(PROMPTS + ", 3 s windows (hop 1 s)", prompt, Watermark.DETECTION_RATE);
                    } else if (prompt.durationSeconds() >= 1) {
                        unmarkedScore(PROMPTS + " of 1-3 s, whole", watermark.detect(prompt.samples(), THRESHOLD).score());
                    }
                    return null;
                }));
            }
            for (Future<?> f : work1) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            try (var files = Files.list(work)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(work);
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        Files.writeString(Path.of(System.getProperty("watermark.bench.output")), report(clips, minutes));
    }

    /** Clip {@code i}: two sentences in one of the synthetic voices, at 24 kHz. */
    private static PcmAudio synthetic(int i, List<BaseVoice> engines) {
        Random r = new Random(i);
        String text = SUBJECTS[r.nextInt(SUBJECTS.length)] + " " + VERBS[r.nextInt(VERBS.length)] + " "
                + OBJECTS[r.nextInt(OBJECTS.length)] + ". " + ENDINGS[r.nextInt(ENDINGS.length)];
        int kind = i % 4;
        PcmAudio speech;
        if (kind < 2) {
            BaseVoice voice = engines.get(kind);
            synchronized (voice) {
                speech = voice.synthesize(text, ProsodyTargets.NEUTRAL);
            }
        } else {
            speech = SpeechSamples.espeak(ESPEAK.get(r.nextInt(ESPEAK.size())), 20 + r.nextInt(70), text);
        }
        return Resampler.toRate(speech, RATE);
    }

    /** The librivox and cards recordings of pocketsphinx-testdata that last 3 s or more, at 16 kHz. */
    private static List<PcmAudio> realRecordings() throws IOException {
        List<PcmAudio> real = new ArrayList<>();
        for (String dir : List.of("librivox", "cards")) {
            try (var files = Files.list(SpeechSamples.POCKETSPHINX_DATA.resolve(dir))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".wav")).sorted().toList()) {
                    PcmAudio clip = SpeechSamples.pocketsphinx(dir + "/" + f.getFileName());
                    if (clip.durationSeconds() >= 3) {
                        real.add(clip);
                    }
                }
            }
        }
        return real;
    }

    /** At most {@code limit} of the telephone prompts, evenly spread over all of them (and so over every speaker). */
    private static List<Path> telephonePrompts(int limit) {
        List<Path> all = SpeechSamples.telephonePrompts(null);
        int count = Math.min(limit, all.size());
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> all.get((int) ((long) i * all.size() / count))).toList();
    }

    /** Every 3 s window of a real recording at {@code hop} samples, unmarked: false positives on real speech. */
    private void realWindows(String audio, PcmAudio real16k, int hop) {
        int window = 3 * Watermark.DETECTION_RATE;
        for (int at = 0; at + window <= real16k.samples().length; at += hop) {
            float[] part = Arrays.copyOfRange(real16k.samples(), at, at + window);
            unmarkedScore(audio, watermark.detect(part, THRESHOLD).score());
        }
    }

    private void unmarkedScore(String audio, double score) {
        unmarked.computeIfAbsent(audio, k -> Collections.synchronizedList(new ArrayList<>())).add(score);
    }

    private void examine(String source, PcmAudio clip, long seed, Path work) throws Exception {
        Random r = new Random(seed * 31 + 7);
        long id = 1 + (long) (r.nextDouble() * ISSUED);
        float[] mark = watermark.embed(clip.samples(), clip.sampleRate(), 0, id);
        synchronized (energy) {
            for (int i = 0; i < mark.length; i++) {
                energy[0] += clip.samples()[i] * (double) clip.samples()[i];
                energy[1] += (mark[i] - clip.samples()[i]) * (double) (mark[i] - clip.samples()[i]);
            }
        }
        Path markedWav = work.resolve(source + seed + "-marked.wav");
        Path plainWav = work.resolve(source + seed + "-plain.wav");
        writeWav(markedWav, mark, clip.sampleRate());
        writeWav(plainWav, clip.samples(), clip.sampleRate());
        String examples = System.getProperty("watermark.bench.examples", "");
        if (!examples.isBlank() && (seed < 8 || seed == 100_000)) {
            // Pairs to listen to: the same clip without and with the watermark.
            Path dir = Files.createDirectories(Path.of(examples));
            Files.copy(plainWav, dir.resolve(source + "-" + seed + "-without.wav"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(markedWav, dir.resolve(source + "-" + seed + "-with.wav"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            for (Transformation t : TRANSFORMATIONS) {
                float[] heard = transformed(markedWav, t, r, work);
                Watermark.Detection d = watermark.detect(heard, THRESHOLD);
                var identified = watermark.identify(d, ISSUED);
                marked.computeIfAbsent(source + "|" + t.name(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(new Outcome(d.score(), d.watermarked(), identified.map(x -> x.id() == id).orElse(false),
                                identified.map(x -> x.id() != id).orElse(false)));
            }
            for (Transformation t : List.of(TRANSFORMATIONS.get(0), TRANSFORMATIONS.get(2), TRANSFORMATIONS.get(8))) {
                unmarkedScore(source + ", " + t.name(), watermark.detect(transformed(plainWav, t, r, work), THRESHOLD).score());
            }
        } finally {
            Files.deleteIfExists(markedWav);
            Files.deleteIfExists(plainWav);
        }
    }

    /** The clip after {@code t}, decoded to mono 16 kHz as the detect endpoint does. */
    private static float[] transformed(Path wav, Transformation t, Random r, Path work) throws Exception {
        Path file = wav;
        if (!t.ffmpeg().isEmpty()) {
            file = work.resolve(wav.getFileName() + "-" + Math.abs(t.name().hashCode()) + t.suffix());
            List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", wav.toString()));
            command.addAll(t.ffmpeg());
            command.add(file.toString());
            run(command);
        }
        float[] heard;
        try {
            heard = decode16k(file);
        } finally {
            if (file != wav) {
                Files.deleteIfExists(file);
            }
        }
        if (t.name().startsWith("cropped")) {
            int length = 3 * Watermark.DETECTION_RATE;
            int start = heard.length > length ? r.nextInt(heard.length - length) : 0;
            heard = Arrays.copyOfRange(heard, start, Math.min(heard.length, start + length));
        } else if (t.name().startsWith("white noise")) {
            double power = 0;
            for (float s : heard) {
                power += s * s;
            }
            double deviation = Math.sqrt(power / heard.length / 100);
            for (int i = 0; i < heard.length; i++) {
                heard[i] += (float) (r.nextGaussian() * deviation);
            }
        }
        return heard;
    }

    private static float[] decode16k(Path file) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", file.toString(), "-ac", "1", "-ar", "16000", "-f", "f32le", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] raw;
        try (InputStream in = p.getInputStream()) {
            raw = in.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg could not decode " + file);
        }
        float[] samples = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
        return samples;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void writeWav(Path file, float[] samples, int rate) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples.length * 2).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples.length * 2);
        for (float s : samples) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        Files.write(file, b.array());
    }

    /** The rate p at which {@code k} or fewer events in {@code n} trials have a chance of 5 % (Clopper-Pearson). */
    static double upperBound95(int k, int n) {
        double low = (double) k / n, high = 1;
        for (int step = 0; step < 60; step++) {
            double p = (low + high) / 2;
            if (binomialCdf(k, n, p) > 0.05) {
                low = p;
            } else {
                high = p;
            }
        }
        return high;
    }

    private static double binomialCdf(int k, int n, double p) {
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            double logChoose = 0;
            for (int j = 0; j < i; j++) {
                logChoose += Math.log(n - j) - Math.log(j + 1);
            }
            sum += Math.exp(logChoose + i * Math.log(p) + (n - i) * Math.log1p(-p));
        }
        return sum;
    }

    private String report(int clips, double minutes) {
        StringBuilder out = new StringBuilder();
        String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.append("## Watermark: robustness and false positives\n\n").append(when).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(System.getProperty("java.version"))
                .append(String.format(Locale.ROOT, ", %.1f min. `bench/watermark/run.sh` (%d synthetic clips).%n%n", minutes, clips));
        out.append(String.format(Locale.ROOT, "Strength %.1f dB, detection threshold %.1f, ids drawn from 1-%,d (as after a "
                        + "million outputs). Watermark-to-signal ratio over all marked clips: **%.1f dB** (the change's energy "
                        + "against the speech's).%n%n", STRENGTH_DB, THRESHOLD, ISSUED, 10 * Math.log10(energy[1] / energy[0])));
        out.append("Synthetic clips: two sentences (about 4-9 s), a quarter each from MaryTTS cmu-slt-hsmm and FreeTTS kevin16 "
                + "(the offline engine's voices), half from 12 espeak-ng voices at random pitch; all at 24 kHz. Real read speech: the "
                + "pocketsphinx-testdata recordings of 3 s or more. Real telephone prompts: the spoken prompts of "
                + "asterisk-core-sounds-{en,es,fr,it,ru}-g722 (studio recordings of four speakers in five languages, G.722 at "
                + "16 kHz); those of 3 s or more are marked, those of 1-3 s examined unmarked only. Real clips are brought to "
                + "24 kHz before marking. Every transformed clip is decoded to 16 kHz mono by ffmpeg, as the detect endpoint does; "
                + "the whole clip is examined except for the 3 s crop.\n\n");
        out.append("| Source | Transformation | Clips | Detected | Lowest score | 1st percentile | Median | Id read right | Id read wrong |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String source : List.of("synthetic", READ_SPEECH, PROMPTS)) {
            for (Transformation t : TRANSFORMATIONS) {
                List<Outcome> o = marked.getOrDefault(source + "|" + t.name(), List.of());
                if (o.isEmpty()) {
                    continue;
                }
                double[] scores = o.stream().mapToDouble(Outcome::score).sorted().toArray();
                long detected = o.stream().filter(Outcome::detected).count();
                long right = o.stream().filter(Outcome::identifiedRight).count();
                long wrong = o.stream().filter(Outcome::identifiedWrong).count();
                out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f %% | %.2f | %.2f | %.2f | %.1f %% | %d |%n", source,
                        t.name(), o.size(), 100.0 * detected / o.size(), scores[0], scores[(int) (scores.length * 0.01)],
                        scores[scores.length / 2], 100.0 * right / o.size(), wrong));
            }
        }
        out.append("\n**False positives** (unmarked speech; a false positive is a score at or above the threshold):\n\n")
                .append("| Unmarked audio | Examined | False positives | Highest score | 99th percentile |\n|---|---:|---:|---:|---:|\n");
        int total = 0, positives = 0, distinct = 0, distinctPositives = 0;
        for (var e : new java.util.TreeMap<>(unmarked).entrySet()) {
            double[] scores = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int fp = (int) Arrays.stream(scores).filter(s -> s >= THRESHOLD).count();
            total += scores.length;
            positives += fp;
            if (e.getKey().endsWith(TRANSFORMATIONS.get(0).name()) || e.getKey().endsWith("whole")) {
                distinct += scores.length;
                distinctPositives += fp;
            }
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f |%n", e.getKey(), scores.length, fp,
                    scores[scores.length - 1], scores[(int) (scores.length * 0.99)]));
        }
        out.append(String.format(Locale.ROOT, "| **all** | **%d** | **%d** | | |%n%n", total, positives));
        out.append(String.format(Locale.ROOT, "False-positive rate, one-sided 95 %% upper bound (exact binomial): %.3f %% over all "
                        + "%,d examinations (%d positives); %.3f %% over the %,d distinct recordings examined whole and untransformed "
                        + "(%d positives), which are independent of each other, unlike the transformed copies and overlapping "
                        + "windows of the same recordings.%n%n", 100 * upperBound95(positives, total), total, positives,
                100 * upperBound95(distinctPositives, distinct), distinct, distinctPositives));
        out.append("Detected: score at or above the threshold. Id read right/wrong: the output's id recovered from the clip among "
                + "all issued ids (a wrong id is never shown as a match unless its score clears a bound that a million wrong ids "
                + "reach with a chance of 1 in 10,000).\n");
        return out.toString();
    }
}
