package com.voxclone.audio.control;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/** Opens media files with FFmpeg on the audio stream a player would pick. */
public final class AudioGrabbers {

    private AudioGrabbers() {
    }

    /**
     * Starts a grabber on {@code file}. JavaCV takes the first audio stream it meets; for files with
     * several tracks (a commentary track first, a dubbed language) FFmpeg's own choice, which honours
     * the "default" flag and prefers richer streams, is used instead. The caller closes the grabber.
     *
     * @param configure settings applied before start, e.g. the output rate and channel count
     */
    public static FFmpegFrameGrabber open(Path file, Consumer<FFmpegFrameGrabber> configure) throws FrameGrabber.Exception {
        FFmpegRuntime.ensureInitialised();
        FFmpegFrameGrabber grabber = start(file, configure, -1);
        if (grabber.hasAudio()) {
            int best = avformat.av_find_best_stream(grabber.getFormatContext(), avutil.AVMEDIA_TYPE_AUDIO, -1, -1,
                    (PointerPointer<?>) null, 0);
            if (best >= 0 && best != grabber.getAudioStream()) {
                grabber.close();
                grabber = start(file, configure, best);
            }
        }
        return grabber;
    }

    private static FFmpegFrameGrabber start(Path file, Consumer<FFmpegFrameGrabber> configure, int audioStream)
            throws FrameGrabber.Exception {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        configure.accept(grabber);
        if (audioStream >= 0) {
            grabber.setAudioStream(audioStream);
        }
        try {
            grabber.start();
            return grabber;
        } catch (FrameGrabber.Exception | RuntimeException e) {
            grabber.close();
            throw e;
        }
    }
}
