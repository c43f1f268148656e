package com.voxclone.audio.entity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The upload formats VoxClone accepts. The type is always decided from the file's first bytes
 * ({@link #sniff(byte[])}), never from its name or the client's declared content type, so a renamed
 * text file is rejected and a WAV called "voice.mp3" is still read as WAV.
 */
public enum MediaType {

    MP3("audio/mpeg", "MP3", false),
    WAV("audio/wav", "WAV", false),
    MP4("video/mp4", "MP4", true),
    MOV("video/quicktime", "MOV", true),
    AVI("video/x-msvideo", "AVI", true),
    /** WebM and its parent format Matroska (MKV/MKA) share the EBML container and are read alike. */
    WEBM("video/webm", "WebM", true),
    M4A("audio/mp4", "M4A", false),
    OGG("audio/ogg", "OGG", false),
    FLAC("audio/flac", "FLAC", false),
    /** A bare AAC stream (ADTS frames), as VoxClone's own AAC output and many recorders write it. */
    AAC("audio/aac", "AAC", false);

    /** How many leading bytes {@link #sniff(byte[])} needs to decide; more only helps after large ID3 tags. */
    public static final int SNIFF_BYTES = 64;

    private final String contentType;
    private final String label;
    private final boolean videoContainer;

    MediaType(String contentType, String label, boolean videoContainer) {
        this.contentType = contentType;
        this.label = label;
        this.videoContainer = videoContainer;
    }

    public String contentType() {
        return contentType;
    }

    /** The name users know the format by, e.g. "WebM". */
    public String label() {
        return label;
    }

    /** True for containers that normally carry video (the audio track is extracted from them). */
    public boolean isVideoContainer() {
        return videoContainer;
    }

    /** "MP3, WAV, MP4, MOV, AVI, WebM, M4A, OGG, FLAC, AAC": for messages that say what is allowed. */
    public static String allowedLabels() {
        return Arrays.stream(values()).map(MediaType::label).collect(Collectors.joining(", "));
    }

    /**
     * Recognises a format from the first bytes of a file ({@link #SNIFF_BYTES} are enough, fewer are
     * tolerated). Returns empty for anything that is not one of the accepted formats.
     */
    public static Optional<MediaType> sniff(byte[] head) {
        if (head == null || head.length < 4) {
            return Optional.empty();
        }
        if (startsWith(head, 0, "RIFF") || startsWith(head, 0, "RF64")) {
            if (startsWith(head, 8, "WAVE")) {
                return Optional.of(WAV);
            }
            if (startsWith(head, 8, "AVI ")) {
                return Optional.of(AVI);
            }
            return Optional.empty();
        }
        if (startsWith(head, 4, "ftyp")) {
            return Optional.of(isoBrand(head));
        }
        // QuickTime files older than the 'ftyp' box start directly with one of these atoms.
        if (startsWith(head, 4, "moov") || startsWith(head, 4, "wide") || startsWith(head, 4, "mdat")) {
            return Optional.of(MOV);
        }
        if (u8(head, 0) == 0x1A && u8(head, 1) == 0x45 && u8(head, 2) == 0xDF && u8(head, 3) == 0xA3) {
            return Optional.of(WEBM);
        }
        if (startsWith(head, 0, "OggS")) {
            return Optional.of(OGG);
        }
        if (startsWith(head, 0, "fLaC")) {
            return Optional.of(FLAC);
        }
        if (startsWith(head, 0, "ID3")) {
            return Optional.of(afterId3Tag(head));
        }
        if (isMpegAudioFrameHeader(head, 0)) {
            return Optional.of(MP3);
        }
        if (isAdtsHeader(head, 0)) {
            return Optional.of(AAC);
        }
        return Optional.empty();
    }

    /** ISO base media files: the major brand tells plain MP4, audio-only M4A and QuickTime apart. */
    private static MediaType isoBrand(byte[] head) {
        if (startsWith(head, 8, "M4A ") || startsWith(head, 8, "M4B ")) {
            return M4A;
        }
        if (startsWith(head, 8, "qt  ")) {
            return MOV;
        }
        return MP4;
    }

    /** An ID3v2 tag usually precedes MP3 audio, but some tools also put one in front of FLAC. */
    private static MediaType afterId3Tag(byte[] head) {
        if (head.length >= 10) {
            int size = (u8(head, 6) & 0x7F) << 21 | (u8(head, 7) & 0x7F) << 14 | (u8(head, 8) & 0x7F) << 7 | (u8(head, 9) & 0x7F);
            int footer = (u8(head, 5) & 0x10) != 0 ? 10 : 0;
            if (startsWith(head, 10 + size + footer, "fLaC")) {
                return FLAC;
            }
        }
        return MP3;
    }

    /**
     * An MPEG-1/2/2.5 Layer I-III frame header: 11 sync bits, then a version, layer, bitrate and
     * sample rate that are not the reserved values. Excluding layer '00' keeps ADTS AAC out.
     */
    static boolean isMpegAudioFrameHeader(byte[] head, int at) {
        if (head.length < at + 3 || u8(head, at) != 0xFF || (u8(head, at + 1) & 0xE0) != 0xE0) {
            return false;
        }
        int version = (u8(head, at + 1) >> 3) & 0x3;
        int layer = (u8(head, at + 1) >> 1) & 0x3;
        int bitrate = (u8(head, at + 2) >> 4) & 0xF;
        int rate = (u8(head, at + 2) >> 2) & 0x3;
        return version != 1 && layer != 0 && bitrate != 0xF && rate != 3;
    }

    /**
     * An ADTS (AAC) frame header: 12 sync bits, layer '00', a sampling-frequency index that is not reserved, and a
     * frame length at least as long as the header itself.
     */
    static boolean isAdtsHeader(byte[] head, int at) {
        if (head.length < at + 6 || u8(head, at) != 0xFF || (u8(head, at + 1) & 0xF6) != 0xF0) {
            return false;
        }
        int rateIndex = (u8(head, at + 2) >> 2) & 0xF;
        int frameLength = (u8(head, at + 3) & 0x3) << 11 | u8(head, at + 4) << 3 | u8(head, at + 5) >> 5;
        return rateIndex < 13 && frameLength >= 7;
    }

    private static boolean startsWith(byte[] data, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        if (offset < 0 || data.length < offset + expected.length) {
            return false;
        }
        return Arrays.equals(data, offset, offset + expected.length, expected, 0, expected.length);
    }

    private static int u8(byte[] data, int index) {
        return data[index] & 0xFF;
    }
}
