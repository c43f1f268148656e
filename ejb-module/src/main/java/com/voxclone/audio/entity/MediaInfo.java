package com.voxclone.audio.entity;

public record MediaInfo(MediaType type, long durationMillis, boolean hasAudio, boolean hasVideo, int sampleRate, int channels, String audioCodec) {
}
