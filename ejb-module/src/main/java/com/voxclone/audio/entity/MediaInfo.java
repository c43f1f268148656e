package com.voxclone.audio.entity;

import java.util.Objects;

/**
 * What inspection found out about an accepted upload.
 *
 * @param type           the format recognised from the bytes
 * @param durationMillis the playing time of the audio
 * @param hasAudio       whether an audio stream exists (always true for an accepted upload)
 * @param hasVideo       whether a video stream exists as well
 * @param sampleRate     the audio stream's native rate in Hz
 * @param channels       the audio stream's channel count
 * @param audioCodec     FFmpeg's short name of the audio codec, e.g. "mp3", "aac", "pcm_s16le"
 */
public record MediaInfo(MediaType type, long durationMillis, boolean hasAudio, boolean hasVideo,
                        int sampleRate, int channels, String audioCodec) {

    public MediaInfo {
        Objects.requireNonNull(type, "type");
        if (durationMillis < 0) {
            throw new IllegalArgumentException("duration must not be negative, was " + durationMillis);
        }
    }

    public double durationSeconds() {
        return durationMillis / 1000.0;
    }
}
