package com.voxclone.storage.entity;

import java.util.Locale;

/** Why an audio asset exists. */
public enum AssetKind {
    /** The file as the user sent it. */
    UPLOAD,
    /** The normalised 24 kHz mono lossless reference the engines enrol from. */
    REFERENCE,
    /** The reference as MP3 for listening. */
    REFERENCE_MP3,
    /** Speech synthesised by a voice (test text, conversions). */
    RENDERING,
    /** The owner's spoken consent to clone the voice. */
    CONSENT;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AssetKind of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
