package com.voxclone.audio.entity;

import java.util.Arrays;
import java.util.Optional;

/** The formats speech is answered in; {@link #PCM} is raw 16-bit little-endian mono samples at 24 kHz, no header. */
public enum OutputFormat {

    MP3("audio/mpeg"),
    OPUS("audio/ogg"),
    AAC("audio/aac"),
    FLAC("audio/flac"),
    WAV("audio/wav"),
    PCM("audio/pcm");

    private final String contentType;

    OutputFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The name clients use: {@code mp3}, {@code opus}, ... */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<OutputFormat> of(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(OutputFormat::id).toList());
    }
}
