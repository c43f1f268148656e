package com.voxclone.audio.entity;

import java.util.Optional;

/** PLACEHOLDER until the audio pipeline lands: accepted media types. */
public enum MediaType {
    MP3("audio/mpeg"), WAV("audio/wav"), MP4("video/mp4"), MOV("video/quicktime"), AVI("video/x-msvideo"),
    WEBM("video/webm"), M4A("audio/mp4"), OGG("audio/ogg"), FLAC("audio/flac");

    private final String contentType;

    MediaType(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<MediaType> sniff(byte[] head) {
        return Optional.of(WAV);
    }
}
