package com.voxclone.audio.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import com.voxclone.audio.entity.PcmAudio;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes mono audio with FFmpeg. Output goes through a temporary file rather than a stream because
 * both muxers seek back at the end: MP3 to fill in the Xing/LAME header (exact length and encoder
 * delay, so decoders return the original duration) and FLAC to complete its STREAMINFO block.
 */
public final class AudioEncoder {

    /** The encoding of one output format. */
    public record Encoding(String format, int codec, int sampleRate, int bitrate, int sampleFormat, String suffix) {
    }

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
            recorder.start();
            float[] samples = audio.samples();
            for (int from = 0; from < samples.length; from += CHUNK_SAMPLES) {
                int length = Math.min(CHUNK_SAMPLES, samples.length - from);
                // the recorder resamples from the audio's rate to the encoding's rate when they differ
                recorder.recordSamples(audio.sampleRate(), 1, FloatBuffer.wrap(samples, from, length));
            }
            recorder.stop();
        }
    }
}
