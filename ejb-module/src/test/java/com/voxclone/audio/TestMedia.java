package com.voxclone.audio;

import com.voxclone.audio.control.FFmpegRuntime;
import com.voxclone.audio.control.WavCodec;
import com.voxclone.audio.entity.MediaType;
import com.voxclone.audio.entity.PcmAudio;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Test media generated on the fly, so no recordings live in the repository: speech-like signals
 * (voiced syllables with a gliding pitch and harmonics, noisy fricatives, pauses), tones, silence,
 * optionally real synthetic speech from espeak-ng, and files in every accepted container written with
 * FFmpeg. Other test suites reuse this class through the ejb-module test-jar.
 */
public final class TestMedia {

    private TestMedia() {
    }

    // ---------------------------------------------------------------- signals

    /**
     * A deterministic speech-like signal: syllables of 120-260 ms with a pitch between 100 and 230 Hz
     * and ten harmonics, fricative noise bursts, short gaps and a longer pause now and then. Peak 0.5.
     */
    public static PcmAudio speechLike(double seconds, int rate, long seed) {
        Random random = new Random(seed);
        int total = (int) Math.round(seconds * rate);
        float[] out = new float[total];
        int at = 0;
        double phase = 0;
        while (at < total) {
            int length = Math.min(total - at, (int) ((0.12 + 0.14 * random.nextDouble()) * rate));
            if (random.nextDouble() < 0.2) {
                fricative(out, at, length / 2, random);
            } else {
                double f0Start = 100 + 130 * random.nextDouble();
                double f0End = f0Start * (0.8 + 0.4 * random.nextDouble());
                phase = voiced(out, at, length, rate, f0Start, f0End, phase);
            }
            at += length + (int) ((random.nextDouble() < 0.15 ? 0.25 : 0.03 + 0.05 * random.nextDouble()) * rate);
        }
        return new PcmAudio(scaleToPeak(out, 0.5f), rate);
    }

    private static double voiced(float[] out, int from, int length, int rate, double f0Start, double f0End, double phase) {
        for (int i = 0; i < length; i++) {
            double progress = i / (double) length;
            double f0 = f0Start + (f0End - f0Start) * progress;
            phase += 2 * Math.PI * f0 / rate;
            double value = 0;
            for (int harmonic = 1; harmonic <= 10; harmonic++) {
                // a crude formant near 500 Hz and a falling spectrum, as in vowels
                double formant = 1.0 / (1.0 + Math.pow((harmonic * f0 - 500) / 400, 2));
                value += (0.3 / harmonic + formant) * Math.sin(harmonic * phase);
            }
            out[from + i] += (float) (value * envelope(progress));
        }
        return phase % (2 * Math.PI);
    }

    private static void fricative(float[] out, int from, int length, Random random) {
        double previous = 0;
        for (int i = 0; i < length; i++) {
            double noise = random.nextGaussian();
            out[from + i] += (float) ((noise - previous) * 0.25 * envelope(i / (double) length)); // first difference: hiss
            previous = noise;
        }
    }

    /** Raised-cosine attack and release over the first and last fifth. */
    private static double envelope(double progress) {
        double edge = Math.min(progress, 1 - progress) / 0.2;
        return edge >= 1 ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * edge);
    }

    public static PcmAudio tone(double frequency, double seconds, int rate, double amplitude) {
        float[] out = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return new PcmAudio(out, rate);
    }

    public static PcmAudio silence(double seconds, int rate) {
        return new PcmAudio(new float[(int) Math.round(seconds * rate)], rate);
    }

    /** Gaussian noise at the given RMS level in dBFS, e.g. a room's noise floor. */
    public static PcmAudio noise(double seconds, int rate, double rmsDbfs, long seed) {
        Random random = new Random(seed);
        float scale = (float) Math.pow(10, rmsDbfs / 20);
        float[] out = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) random.nextGaussian() * scale;
        }
        return new PcmAudio(out, rate);
    }

    /** Sample-wise sum of two clips of the same rate; the result has the longer one's length. */
    public static PcmAudio mix(PcmAudio a, PcmAudio b) {
        float[] out = new float[Math.max(a.samples().length, b.samples().length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (i < a.samples().length ? a.samples()[i] : 0) + (i < b.samples().length ? b.samples()[i] : 0);
        }
        return new PcmAudio(out, a.sampleRate());
    }

    public static PcmAudio scaled(PcmAudio audio, double gainDb) {
        float gain = (float) Math.pow(10, gainDb / 20);
        float[] out = audio.samples().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= gain;
        }
        return new PcmAudio(out, audio.sampleRate());
    }

    private static float[] scaleToPeak(float[] samples, float peak) {
        float max = 0;
        for (float s : samples) {
            max = Math.max(max, Math.abs(s));
        }
        if (max > 0) {
            for (int i = 0; i < samples.length; i++) {
                samples[i] *= peak / max;
            }
        }
        return samples;
    }

    /**
     * A FLAC recording of {@code claimedSeconds}, as its header (STREAMINFO) says, followed by the audio frames of
     * {@code hiddenSeconds} more that the header does not count: a file that lies about its length.
     */
    public static Path understatedFlac(Path dir, String name, double claimedSeconds, double hiddenSeconds) throws IOException {
        byte[] header = Files.readAllBytes(write(dir, name + "-claimed", spec(MediaType.FLAC), tone(440, claimedSeconds, 24_000, 0.3)));
        byte[] real = Files.readAllBytes(write(dir, name + "-hidden", spec(MediaType.FLAC), tone(300, hiddenSeconds, 24_000, 0.3)));
        int frames = flacFramesStart(real);
        byte[] lying = Arrays.copyOf(header, header.length + real.length - frames);
        System.arraycopy(real, frames, lying, header.length, real.length - frames);
        return Files.write(dir.resolve(name + ".flac"), lying);
    }

    /** Where a FLAC file's audio frames begin: after "fLaC" and its metadata blocks. */
    private static int flacFramesStart(byte[] flac) {
        int at = 4;
        boolean last = false;
        while (!last) {
            last = (flac[at] & 0x80) != 0;
            at += 4 + (((flac[at + 1] & 0xff) << 16) | ((flac[at + 2] & 0xff) << 8) | (flac[at + 3] & 0xff));
        }
        return at;
    }

    /** What ffprobe, an independent reference, reads from a file's first audio stream. */
    public record Probe(int sampleRate, int channels, double durationSeconds) {
    }

    /** Fails with a message naming the Debian package when ffprobe is not installed. */
    public static Probe ffprobe(Path file) {
        try {
            Process process;
            try {
                process = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                        "stream=sample_rate,channels:format=duration", "-of", "default=noprint_wrappers=1", file.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException notInstalled) {
                throw new IllegalStateException("ffprobe is not installed; install the Debian package ffmpeg", notInstalled);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ffprobe could not read " + file + ": " + out);
            }
            Map<String, String> values = new HashMap<>();
            out.lines().map(l -> l.split("=", 2)).filter(kv -> kv.length == 2).forEach(kv -> values.put(kv[0], kv[1].trim()));
            return new Probe(Integer.parseInt(values.get("sample_rate")), Integer.parseInt(values.get("channels")),
                    Double.parseDouble(values.get("duration")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ffprobe", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ffprobe", e);
        }
    }

    /**
     * English speech from espeak-ng (22.05 kHz mono). Fails with a message naming the Debian package
     * when it is not installed.
     */
    public static PcmAudio espeak(String text) {
        Path wav = null;
        try {
            wav = Files.createTempFile("voxclone-espeak-", ".wav");
            Process process;
            try {
                process = new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "150", "-w", wav.toString(), text)
                        .redirectErrorStream(true).start();
            } catch (IOException notInstalled) {
                throw new IllegalStateException("espeak-ng is not installed; install the Debian package espeak-ng", notInstalled);
            }
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("espeak-ng failed to synthesise \"" + text + "\"");
            }
            try (InputStream in = Files.newInputStream(wav)) {
                return new WavCodec().decode(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run espeak-ng", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running espeak-ng", e);
        } finally {
            if (wav != null) {
                wav.toFile().delete();
            }
        }
    }

    // ---------------------------------------------------------------- files

    /**
     * How to write a test file: FFmpeg muxer, audio encoder, rate, channels and bitrate, and optionally
     * a small video track (96x64 at 10 fps) with a given encoder.
     */
    public record Spec(String format, String audioCodec, int sampleRate, int channels, int audioBitrate,
                       String videoCodec, boolean withAudio, String suffix) {

        public Spec withSampleRate(int rate) {
            return new Spec(format, audioCodec, rate, channels, audioBitrate, videoCodec, withAudio, suffix);
        }

        public Spec withChannels(int count) {
            return new Spec(format, audioCodec, sampleRate, count, audioBitrate, videoCodec, withAudio, suffix);
        }

        public Spec withBitrate(int bitsPerSecond) {
            return new Spec(format, audioCodec, sampleRate, channels, bitsPerSecond, videoCodec, withAudio, suffix);
        }

        /** The same container with a video track only. */
        public Spec withoutAudio() {
            if (videoCodec == null) {
                throw new IllegalArgumentException(format + " test files have no video track to keep");
            }
            return new Spec(format, audioCodec, sampleRate, 0, audioBitrate, videoCodec, false, suffix);
        }

        public boolean withVideo() {
            return videoCodec != null;
        }
    }

    /** A typical file of each accepted type; video containers get a video track. */
    public static Spec spec(MediaType type) {
        return switch (type) {
            case WAV -> new Spec("wav", "pcm_s16le", 44_100, 2, 0, null, true, ".wav");
            case MP3 -> new Spec("mp3", "libmp3lame", 44_100, 2, 128_000, null, true, ".mp3");
            case MP4 -> new Spec("mp4", "aac", 48_000, 2, 128_000, "mpeg4", true, ".mp4");
            case MOV -> new Spec("mov", "aac", 48_000, 2, 128_000, "mpeg4", true, ".mov");
            case AVI -> new Spec("avi", "libmp3lame", 44_100, 2, 128_000, "mpeg4", true, ".avi");
            case WEBM -> new Spec("webm", "libopus", 48_000, 2, 96_000, "libvpx", true, ".webm");
            case M4A -> new Spec("ipod", "aac", 44_100, 2, 128_000, null, true, ".m4a");
            case OGG -> new Spec("ogg", "libopus", 48_000, 1, 64_000, null, true, ".ogg");
            case FLAC -> new Spec("flac", "flac", 44_100, 1, 0, null, true, ".flac");
            case AAC -> new Spec("adts", "aac", 48_000, 1, 96_000, null, true, ".aac");
        };
    }

    /** Writes {@code audio} as {@code dir/name + suffix}; without audio it only sets the video's length. */
    public static Path write(Path dir, String name, Spec spec, PcmAudio audio) throws IOException {
        Path file = dir.resolve(name + spec.suffix());
        FFmpegRuntime.ensureInitialised();
        int videoWidth = spec.withVideo() ? 96 : 0;
        int videoHeight = spec.withVideo() ? 64 : 0;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), videoWidth, videoHeight,
                spec.withAudio() ? spec.channels() : 0)) {
            record(recorder, spec, audio);
        }
        return file;
    }

    /**
     * Writes to a stream that cannot seek, as a live capture would: MP3 then carries no Xing header
     * and its duration can only be estimated from the bitrate.
     */
    public static void write(OutputStream out, Spec spec, PcmAudio audio) throws IOException {
        FFmpegRuntime.ensureInitialised();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, spec.withAudio() ? spec.channels() : 0)) {
            record(recorder, spec, audio);
        }
    }

    private static final int FRAMES_PER_SECOND = 10;

    private static void record(FFmpegFrameRecorder recorder, Spec spec, PcmAudio audio) throws IOException {
        recorder.setFormat(spec.format());
        if (spec.withAudio()) {
            recorder.setAudioCodecName(spec.audioCodec());
            recorder.setSampleRate(spec.sampleRate());
            recorder.setAudioChannels(spec.channels());
            if (spec.audioBitrate() > 0) {
                recorder.setAudioBitrate(spec.audioBitrate());
            }
        }
        if (spec.withVideo()) {
            recorder.setVideoCodecName(spec.videoCodec());
            recorder.setFrameRate(FRAMES_PER_SECOND);
            recorder.setGopSize(FRAMES_PER_SECOND);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setVideoOption("deadline", "realtime"); // libvpx: fast enough for tests
        }
        recorder.start();

        float[] interleaved = spec.withAudio() ? interleave(audio.samples(), spec.channels()) : new float[0];
        int rate = audio.sampleRate();
        int videoFrames = spec.withVideo() ? (int) Math.ceil(audio.durationSeconds() * FRAMES_PER_SECOND) : 0;
        int samplesPerStep = spec.withVideo() ? rate / FRAMES_PER_SECOND : 8192;
        int steps = Math.max(videoFrames, (audio.samples().length + samplesPerStep - 1) / samplesPerStep);
        Frame picture = spec.withVideo() ? new Frame(96, 64, Frame.DEPTH_UBYTE, 3) : null;
        for (int step = 0; step < steps; step++) {
            int from = step * samplesPerStep;
            if (spec.withAudio() && from < audio.samples().length) {
                int length = Math.min(samplesPerStep, audio.samples().length - from);
                recorder.recordSamples(rate, spec.channels(),
                        FloatBuffer.wrap(interleaved, from * spec.channels(), length * spec.channels()));
            }
            if (step < videoFrames) {
                paint(picture, step);
                recorder.record(picture);
            }
        }
        recorder.stop();
    }

    /** Copies a mono signal to every channel; later channels slightly quieter so they are not identical. */
    private static float[] interleave(float[] mono, int channels) {
        float[] out = new float[mono.length * channels];
        for (int i = 0; i < mono.length; i++) {
            for (int c = 0; c < channels; c++) {
                out[i * channels + c] = mono[i] * (1f - 0.1f * c);
            }
        }
        return out;
    }

    private static void paint(Frame picture, int index) {
        ByteBuffer pixels = (ByteBuffer) picture.image[0];
        for (int i = 0; i < pixels.capacity(); i++) {
            pixels.put(i, (byte) ((i + index * 7) & 0xFF));
        }
    }

    /** A file whose first bytes are a real {@code type} header and the rest random garbage. */
    public static Path corrupt(Path dir, String name, MediaType type, int headerBytes) throws IOException {
        Path source = write(dir, name + "-source", spec(type), speechLike(3, 48_000, 7));
        byte[] header = Files.readAllBytes(source);
        byte[] out = new byte[200_000];
        new Random(11).nextBytes(out);
        System.arraycopy(header, 0, out, 0, Math.min(headerBytes, header.length));
        Files.delete(source);
        Path file = dir.resolve(name + spec(type).suffix());
        Files.write(file, out);
        return file;
    }

    /** A plain text file with the given name (e.g. "notes.mp3"). */
    public static Path text(Path dir, String fileName) throws IOException {
        return Files.writeString(dir.resolve(fileName), "This is not a recording, just some notes.\n".repeat(40),
                StandardCharsets.UTF_8);
    }
}
