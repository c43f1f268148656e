package com.voxclone.audio.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaTypeTest {

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                for (int b : (int[]) part) {
                    out.write(b);
                }
            }
        }
        out.writeBytes(new byte[32]);
        return out.toByteArray();
    }

    private static Optional<MediaType> sniff(Object... parts) {
        return MediaType.sniff(bytes(parts));
    }

    @Test
    void recognisesRiffFormatsByTheirFormType() {
        assertEquals(Optional.of(MediaType.WAV), sniff("RIFF", new int[] {0x24, 0, 1, 0}, "WAVEfmt "));
        assertEquals(Optional.of(MediaType.AVI), sniff("RIFF", new int[] {0x24, 0, 1, 0}, "AVI LIST"));
        assertEquals(Optional.empty(), sniff("RIFF", new int[] {0x24, 0, 1, 0}, "CDXA"));
    }

    @Test
    void distinguishesIsoMediaByMajorBrand() {
        assertEquals(Optional.of(MediaType.MP4), sniff(new int[] {0, 0, 0, 0x20}, "ftypisom"));
        assertEquals(Optional.of(MediaType.MP4), sniff(new int[] {0, 0, 0, 0x18}, "ftypmp42"));
        assertEquals(Optional.of(MediaType.M4A), sniff(new int[] {0, 0, 0, 0x20}, "ftypM4A "));
        assertEquals(Optional.of(MediaType.M4A), sniff(new int[] {0, 0, 0, 0x20}, "ftypM4B "));
        assertEquals(Optional.of(MediaType.MOV), sniff(new int[] {0, 0, 0, 0x14}, "ftypqt  "));
        assertEquals(Optional.of(MediaType.MOV), sniff(new int[] {0, 0, 0, 0x08}, "wide"));
    }

    @Test
    void recognisesEbmlOggAndFlac() {
        assertEquals(Optional.of(MediaType.WEBM), sniff(new int[] {0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86}, "webm"));
        assertEquals(Optional.of(MediaType.WEBM), sniff(new int[] {0x1A, 0x45, 0xDF, 0xA3}, "matroska"));
        assertEquals(Optional.of(MediaType.OGG), sniff("OggS", new int[] {0, 2}));
        assertEquals(Optional.of(MediaType.FLAC), sniff("fLaC", new int[] {0, 0, 0, 0x22}));
    }

    @Test
    void recognisesMp3ByTagOrFrameSync() {
        assertEquals(Optional.of(MediaType.MP3), sniff("ID3", new int[] {4, 0, 0, 0, 0, 0, 0x10}));
        assertEquals(Optional.of(MediaType.MP3), sniff(new int[] {0xFF, 0xFB, 0x90, 0x64})); // MPEG-1 layer III 128k
        assertEquals(Optional.of(MediaType.MP3), sniff(new int[] {0xFF, 0xF3, 0x48, 0xC4})); // MPEG-2 layer III 24 kHz
    }

    @Test
    void recognisesBareAacByItsAdtsHeader() {
        // AAC-LC, 44.1 kHz (index 4), stereo, a frame of 371 bytes: FF F1 50 80 2E 7F FC (ISO/IEC 13818-7, 6.2).
        assertEquals(Optional.of(MediaType.AAC), sniff(new int[] {0xFF, 0xF1, 0x50, 0x80, 0x2E, 0x7F, 0xFC}));
        assertEquals(Optional.empty(), sniff(new int[] {0xFF, 0xF1, 0x7C, 0x80, 0x2E, 0x7F, 0xFC}), "sampling index 15 is reserved");
    }

    @Test
    void flacBehindAnId3TagIsStillFlac() {
        assertEquals(Optional.of(MediaType.FLAC), sniff("ID3", new int[] {4, 0, 0, 0, 0, 0, 4}, "abcd", "fLaC"));
    }

    @Test
    void rejectsLookalikesAndText() {
        assertEquals(Optional.empty(), sniff(new int[] {0xFF, 0xF1, 0x50, 0x80}), "an ADTS sync without a frame is neither MP3 nor AAC");
        assertEquals(Optional.empty(), sniff(new int[] {0xFF, 0xFB, 0xF0, 0x64}), "bitrate index 15 is reserved");
        assertEquals(Optional.empty(), sniff("Hello, this is a text file"));
        assertEquals(Optional.empty(), sniff("%PDF-1.7"));
        assertEquals(Optional.empty(), MediaType.sniff(new byte[] {'R', 'I'}));
        assertEquals(Optional.empty(), MediaType.sniff(null));
    }

    @Test
    void describesFormatsForUsers() {
        assertEquals("MP3, WAV, MP4, MOV, AVI, WebM, M4A, OGG, FLAC, AAC", MediaType.allowedLabels());
        assertTrue(MediaType.MOV.isVideoContainer());
        assertFalse(MediaType.M4A.isVideoContainer());
        assertEquals("video/webm", MediaType.WEBM.contentType());
        assertEquals("audio/mpeg", MediaType.MP3.contentType());
    }
}
