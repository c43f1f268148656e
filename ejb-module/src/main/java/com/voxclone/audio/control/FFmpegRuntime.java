package com.voxclone.audio.control;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * One-time process-wide FFmpeg set-up. FFmpeg logs every recoverable oddity of a damaged upload to
 * stderr; only errors are worth the server log, and the rejection itself is reported to the user.
 */
public final class FFmpegRuntime {

    private FFmpegRuntime() {
    }

    private static final class Initialised {
        static {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        }

        static void touch() {
            // loading this class runs the set-up exactly once, thread-safely
        }
    }

    /** Loads the native libraries (first call only) and quiets FFmpeg's log. Cheap after the first call. */
    public static void ensureInitialised() {
        Initialised.touch();
    }
}
