package com.voxclone.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.control.WavCodec;
import com.voxclone.audio.entity.NormalizedAudio;

/**
 * Command-line side of bench/ingest/run.sh (not a test):
 * <ul>
 *   <li>{@code speech <out.wav> <seconds>}: writes a speech-like 48 kHz WAV with silent edges to build the test video from;</li>
 *   <li>{@code ingest <media> <repetitions> <out.flac>}: times the worker's ingest of one upload in this JVM
 *       (decode to 24 kHz mono, normalise, encode the stored FLAC reference) and prints one line per
 *       repetition, the first one being the cold run.</li>
 * </ul>
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("speech")) {
            double seconds = Double.parseDouble(args[2]);
            var speech = TestMedia.scaled(TestMedia.speechLike(seconds - 2, 48_000, 42), -10);
            var padded = TestMedia.silence(1, 48_000).append(speech).append(TestMedia.silence(1, 48_000));
            Files.write(Path.of(args[1]), new WavCodec().encode16(padded));
        } else if (args.length == 4 && args[0].equals("ingest")) {
            ingest(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
        } else {
            System.err.println("usage: speech <out.wav> <seconds> | ingest <media> <repetitions> <out.flac>");
            System.exit(2);
        }
    }

    private static void ingest(Path media, int repetitions, Path flacOut) throws IOException {
        AudioPipeline pipeline = new AudioPipeline();
        long[] millis = new long[repetitions];
        byte[] flac = null;
        NormalizedAudio result = null;
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            result = pipeline.normalizeReference(media);
            flac = pipeline.toFlac(result.audio());
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            System.out.println("run " + i + " " + millis[i] + " ms");
        }
        Files.write(flacOut, flac);
        System.out.printf("result %.2f s of reference, trimmed %.2f s + %.2f s, gain %.1f dB, %.1f LUFS, peak %.1f dBFS, %d bytes FLAC%n",
                result.audio().durationSeconds(), result.trimmedLeadingSeconds(), result.trimmedTrailingSeconds(),
                result.gainDb(), result.outputLoudnessLufs(), result.peakDbfs(), flac.length);
        System.out.println("cold " + millis[0] + " ms; warm runs " + Arrays.toString(Arrays.copyOfRange(millis, 1, repetitions)));
    }
}
