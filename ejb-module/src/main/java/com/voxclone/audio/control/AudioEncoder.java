package com.voxclone.audio.control;

import com.voxclone.audio.boundary.AudioOutput;
import com.voxclone.audio.entity.OutputFormat;
import com.voxclone.audio.entity.PcmAudio;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes mono audio with FFmpeg. A whole file goes through a temporary file rather than a stream because
 * the muxers seek back at the end: MP3 to fill in the Xing/LAME header (exact length and encoder
 * delay, so decoders return the original duration) and FLAC to complete its STREAMINFO block. A stream
 * ({@link #progressive}) goes straight to the output, without those length fields.
 */
public final class AudioEncoder {

    /** The encoding of one output format. */
    public record Encoding(String format, int codec, int sampleRate, int bitrate, int sampleFormat, String suffix) {
    }

    /** Opus in Ogg at 24 kHz (one of Opus's own rates), 64 kb/s: speech at its best for the size. */
    public static final Encoding OPUS = new Encoding("ogg", avcodec.AV_CODEC_ID_OPUS, PcmAudio.MODEL_RATE, 64_000,
            avutil.AV_SAMPLE_FMT_NONE, ".ogg");

    /** AAC-LC in ADTS frames (playable and streamable without a container) at 24 kHz, 64 kb/s. */
    public static final Encoding AAC = new Encoding("adts", avcodec.AV_CODEC_ID_AAC, PcmAudio.MODEL_RATE, 64_000,
            avutil.AV_SAMPLE_FMT_NONE, ".aac");

    /**
     * MP3 for listening: 24 kHz mono at 160 kb/s. 24 kHz is MPEG-2 Layer III, whose highest bitrate is
     * 160 kb/s; 192 kb/s would need a 32, 44.1 or 48 kHz stream, i.e. upsampling the model's 24 kHz
     * output for no audible gain.
     */
    public static final Encoding MP3 = new Encoding("mp3", avcodec.AV_CODEC_ID_MP3, PcmAudio.MODEL_RATE, 160_000,
            avutil.AV_SAMPLE_FMT_NONE, ".mp3");

    /** Lossless 16-bit FLAC at the audio's own rate, for the stored voice reference. */
    public static Encoding flac(int sampleRate) {
        return new Encoding("flac", avcodec.AV_CODEC_ID_FLAC, sampleRate, 0, avutil.AV_SAMPLE_FMT_S16, ".flac");
    }

    private static final int CHUNK_SAMPLES = 8192;

    /** The FFmpeg encoding of {@code format}; WAV and PCM need none. */
    public static Encoding of(OutputFormat format) {
        return switch (format) {
            case MP3 -> MP3;
            case OPUS -> OPUS;
            case AAC -> AAC;
            case FLAC -> flac(PcmAudio.MODEL_RATE);
            case WAV, PCM -> throw new IllegalArgumentException(format + " is written without FFmpeg");
        };
    }

    /**
     * An encoder that writes to {@code out} as it goes: each write is encoded and its whole frames flushed at once, so
     * a listener gets the first audio while the rest is still being made.
     */
    public AudioOutput progressive(Encoding encoding, OutputStream out) throws IOException {
        FFmpegRuntime.ensureInitialised();
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, 1);
        configure(recorder, encoding);
        // Ogg would otherwise hold a second of pages back; a listener should get what is ready.
        recorder.setOption("flush_packets", "1");
        recorder.start();
        return new AudioOutput() {
            private boolean closed;

            @Override
            public void write(PcmAudio audio) throws IOException {
                record(recorder, audio);
                out.flush();
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    recorder.stop();
                } finally {
                    recorder.release();
                }
                out.flush();
            }
        };
    }

    public void encode(PcmAudio audio, Encoding encoding, OutputStream out) throws IOException {
        Path temp = Files.createTempFile("voxclone-encode-", encoding.suffix());
        try {
            encodeToFile(audio, encoding, temp);
            Files.copy(temp, out);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void encodeToFile(PcmAudio audio, Encoding encoding, Path file) throws FrameRecorder.Exception {
        FFmpegRuntime.ensureInitialised();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            configure(recorder, encoding);
            recorder.start();
            record(recorder, audio);
            recorder.stop();
        }
    }

    private static void configure(FFmpegFrameRecorder recorder, Encoding encoding) {
        recorder.setFormat(encoding.format());
        recorder.setAudioCodec(encoding.codec());
        recorder.setSampleRate(encoding.sampleRate());
        recorder.setAudioChannels(1);
        if (encoding.bitrate() > 0) {
            recorder.setAudioBitrate(encoding.bitrate());
        }
        if (encoding.sampleFormat() != avutil.AV_SAMPLE_FMT_NONE) {
            recorder.setSampleFormat(encoding.sampleFormat());
        }
    }

    private static void record(FFmpegFrameRecorder recorder, PcmAudio audio) throws FrameRecorder.Exception {
        float[] samples = audio.samples();
        for (int from = 0; from < samples.length; from += CHUNK_SAMPLES) {
            int length = Math.min(CHUNK_SAMPLES, samples.length - from);
            // the recorder resamples from the audio's rate to the encoding's rate when they differ
            recorder.recordSamples(audio.sampleRate(), 1, FloatBuffer.wrap(samples, from, length));
        }
    }
}
