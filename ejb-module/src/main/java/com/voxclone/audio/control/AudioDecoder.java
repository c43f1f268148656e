package com.voxclone.audio.control;

import com.voxclone.audio.entity.PcmAudio;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes the audio of any file FFmpeg can read into mono float samples at a chosen rate. Downmixing
 * and resampling are done by FFmpeg's resampler (libswresample) inside the grabber; video packets are
 * demuxed but never decoded.
 */
public final class AudioDecoder {

    /**
     * Decodes the audio track, mono at {@code targetRate}, but never more than {@code maxSeconds}: a header may
     * claim minutes while the file holds hours (constant-frame FLAC, MP3 without a correct Xing header, chained Ogg).
     *
     * @throws TooLongException when the audio goes on past {@code maxSeconds}
     */
    public PcmAudio decode(Path file, int targetRate, double maxSeconds) throws FrameGrabber.Exception {
        if (targetRate <= 0) {
            throw new IllegalArgumentException("target rate must be positive, was " + targetRate);
        }
        try (FFmpegFrameGrabber grabber = AudioGrabbers.open(file, g -> requestMonoFloat(g, targetRate))) {
            if (!grabber.hasAudio()) {
                throw new NoAudioException(file);
            }
            // headers may claim any length; the guess only sizes the first buffer, which grows as needed
            double seconds = grabber.getLengthInTime() > 0 ? Math.min(grabber.getLengthInTime() / 1e6, maxSeconds) : 10;
            FloatAccumulator samples = new FloatAccumulator((int) (seconds * targetRate * 1.02));
            long limit = (long) Math.ceil(maxSeconds * targetRate);
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (frame.samples != null && frame.samples.length > 0) {
                    samples.add((FloatBuffer) frame.samples[0]);
                    if (samples.size() > limit) {
                        throw new TooLongException(samples.size() / (double) targetRate);
                    }
                }
            }
            return new PcmAudio(samples.toArray(), targetRate);
        }
    }

    /** The file can be read but holds no audio stream. */
    public static final class NoAudioException extends FrameGrabber.Exception {
        NoAudioException(Path file) {
            super("no audio stream in " + file.getFileName());
        }
    }

    /** The audio goes on past the limit; decoding stopped there. */
    public static final class TooLongException extends FrameGrabber.Exception {
        private final double decodedSeconds;

        TooLongException(double decodedSeconds) {
            super("the audio goes on past " + decodedSeconds + " s");
            this.decodedSeconds = decodedSeconds;
        }

        public double decodedSeconds() {
            return decodedSeconds;
        }
    }

    /** Asks the grabber's resampler for packed 32-bit float mono at the given rate. */
    static void requestMonoFloat(FFmpegFrameGrabber grabber, int rate) {
        grabber.setSampleRate(rate);
        grabber.setAudioChannels(1);
        grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
    }
}
