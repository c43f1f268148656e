package com.voxclone.audio.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.TestMedia;
import com.voxclone.audio.boundary.MediaRejectedException.Reason;
import com.voxclone.audio.entity.MediaInfo;
import com.voxclone.audio.entity.MediaLimits;
import com.voxclone.audio.entity.MediaType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MediaInspectorTest {

    @TempDir
    Path dir;

    private final MediaInspector inspector = new MediaInspector();

    @ParameterizedTest
    @EnumSource(MediaType.class)
    void acceptsEveryFormatAndReportsWhatIsInside(MediaType type) throws IOException {
        TestMedia.Spec spec = TestMedia.spec(type);
        Path file = TestMedia.write(dir, "sample", spec, TestMedia.speechLike(3.0, 48_000, 1));

        MediaInfo info = inspector.inspect(file, MediaLimits.defaults());

        assertEquals(type, info.type());
        assertEquals(3.0, info.durationSeconds(), 0.1, "duration of " + type);
        assertTrue(info.hasAudio());
        assertEquals(spec.withVideo(), info.hasVideo(), "video track of " + type);
        assertEquals(spec.sampleRate(), info.sampleRate());
        assertEquals(spec.channels(), info.channels());
        assertNotNull(info.audioCodec());
    }

    /** A header that understates the length is not believed: the upload is refused before anything is queued. */
    @Test
    void aFileLongerThanItsHeaderSaysIsRefusedAsTooLong() throws Exception {
        Path lying = TestMedia.understatedFlac(dir, "understated", 3, 20);
        MediaLimits tenSeconds = new MediaLimits(MediaLimits.DEFAULT_MAX_BYTES, Duration.ofSeconds(2),
                Duration.ofSeconds(10));

        MediaRejectedException refused = Assertions.assertThrows(MediaRejectedException.class,
                () -> inspector.inspect(lying, tenSeconds));

        assertEquals(MediaRejectedException.Reason.TOO_LONG, refused.reason());
        Path honest = TestMedia.write(dir, "honest", TestMedia.spec(MediaType.FLAC), TestMedia.tone(440, 9, 24_000, 0.3));
        assertEquals(9.0, inspector.inspect(honest, tenSeconds).durationSeconds(), 0.15,
                "a file that holds what its header says keeps the header's length");
    }

    @Test
    void typeComesFromTheBytesNotTheName() throws IOException {
        Path wav = TestMedia.write(dir, "voice", TestMedia.spec(MediaType.WAV), TestMedia.speechLike(2.5, 44_100, 2));
        Path misnamed = Files.move(wav, dir.resolve("voice.mp3"));

        MediaInfo info = inspector.inspect(misnamed, MediaLimits.defaults());

        assertEquals(MediaType.WAV, info.type());
        assertEquals("pcm_s16le", info.audioCodec());
    }

    @Test
    void textFileNamedMp3IsUnsupported() throws IOException {
        MediaRejectedException e = reject(TestMedia.text(dir, "notes.mp3"), MediaLimits.defaults());

        assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
        assertTrue(e.getMessage().contains("MP3, WAV, MP4, MOV, AVI, WebM, M4A, OGG, FLAC"), e.getMessage());
    }

    @Test
    void emptyFileIsRejectedAsEmpty() throws IOException {
        MediaRejectedException e = reject(Files.createFile(dir.resolve("empty.wav")), MediaLimits.defaults());

        assertEquals(Reason.EMPTY, e.reason());
    }

    @Test
    void fileOverTheSizeLimitIsRejectedWithItsSize() throws IOException {
        Path file = TestMedia.write(dir, "big", TestMedia.spec(MediaType.WAV), TestMedia.speechLike(3, 44_100, 3));
        long size = Files.size(file);
        MediaLimits limits = new MediaLimits(size - 1, Duration.ofSeconds(2), Duration.ofMinutes(5));

        MediaRejectedException e = reject(file, limits);

        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals(size, e.measuredBytes());
        assertDoesNotThrowAt(file, new MediaLimits(size, Duration.ofSeconds(2), Duration.ofMinutes(5)));
    }

    @ParameterizedTest
    @EnumSource(value = MediaType.class, names = {"MP4", "OGG", "WEBM"})
    void damagedFileIsUndecodable(MediaType type) throws IOException {
        Path file = TestMedia.corrupt(dir, "damaged", type, 48);

        MediaRejectedException e = reject(file, MediaLimits.defaults());

        assertEquals(Reason.UNDECODABLE, e.reason());
        assertTrue(e.getMessage().toLowerCase().contains(type.name().toLowerCase()), e.getMessage());
    }

    @Test
    void videoWithoutSoundHasNoAudio() throws IOException {
        Path file = TestMedia.write(dir, "silent-film", TestMedia.spec(MediaType.MP4).withoutAudio(), TestMedia.silence(3, 48_000));

        MediaRejectedException e = reject(file, MediaLimits.defaults());

        assertEquals(Reason.NO_AUDIO, e.reason());
        assertTrue(e.getMessage().startsWith("The video has no audio track"), e.getMessage());
    }

    @Test
    void oneSecondIsTooShort() throws IOException {
        Path file = TestMedia.write(dir, "short", TestMedia.spec(MediaType.MP3), TestMedia.speechLike(1.0, 44_100, 4));

        MediaRejectedException e = reject(file, MediaLimits.defaults());

        assertEquals(Reason.TOO_SHORT, e.reason());
        assertEquals(1.0, e.measuredSeconds(), 0.05);
        assertEquals("The recording is 1.0 s long; voice samples must be between 2 s and 5 min.", e.getMessage());
    }

    @Test
    void overFiveMinutesIsTooLong() throws IOException {
        // 8 kHz mono at 8 kb/s keeps 310 s at about 310 kB
        TestMedia.Spec lowRate = TestMedia.spec(MediaType.MP3).withSampleRate(8_000).withChannels(1).withBitrate(8_000);
        Path file = TestMedia.write(dir, "long", lowRate, TestMedia.speechLike(310, 8_000, 5));

        MediaRejectedException e = reject(file, MediaLimits.defaults());

        assertEquals(Reason.TOO_LONG, e.reason());
        assertEquals(310, e.measuredSeconds(), 1.0);
        assertTrue(e.getMessage().startsWith("The recording is 5 min 10 s long"), e.getMessage());
    }

    @Test
    void durationIsCountedWhenTheContainerCanOnlyEstimateIt() throws IOException {
        // VBR-free MP3 written to a pipe: no Xing header, so FFmpeg would estimate from the bitrate
        Path file = dir.resolve("streamed.mp3");
        try (OutputStream out = Files.newOutputStream(file)) {
            TestMedia.write(out, TestMedia.spec(MediaType.MP3).withChannels(1), TestMedia.speechLike(4.2, 44_100, 6));
        }

        MediaInfo info = inspector.inspect(file, MediaLimits.defaults());

        assertEquals(MediaType.MP3, info.type());
        assertEquals(4.2, info.durationSeconds(), 0.06);
    }

    @Test
    void longStreamedFileIsStoppedShortlyAfterTheLimit() throws IOException {
        Path file = dir.resolve("streamed-long.mp3");
        TestMedia.Spec lowRate = TestMedia.spec(MediaType.MP3).withSampleRate(8_000).withChannels(1).withBitrate(8_000);
        try (OutputStream out = Files.newOutputStream(file)) {
            TestMedia.write(out, lowRate, TestMedia.speechLike(40, 8_000, 8));
        }
        MediaLimits limits = new MediaLimits(MediaLimits.DEFAULT_MAX_BYTES, Duration.ofSeconds(2), Duration.ofSeconds(20));

        MediaRejectedException e = reject(file, limits);

        assertEquals(Reason.TOO_LONG, e.reason());
        assertEquals(40, e.measuredSeconds(), 1.5, "the bitrate estimate is reported once counting stopped");
    }

    @Test
    void longWebmIsReportedAsAtLeastWhatWasCounted() throws IOException {
        Path file = TestMedia.write(dir, "long", TestMedia.spec(MediaType.WEBM), TestMedia.speechLike(30, 48_000, 10));
        MediaLimits limits = new MediaLimits(MediaLimits.DEFAULT_MAX_BYTES, Duration.ofSeconds(2), Duration.ofSeconds(10));

        MediaRejectedException e = reject(file, limits);

        assertEquals(Reason.TOO_LONG, e.reason());
        assertEquals(11, e.measuredSeconds(), 0.2);
        assertTrue(e.getMessage().startsWith("The recording is more than 11.0 s long; voice samples must be between 2 s and 10 s."),
                e.getMessage());
    }

    @Test
    void configuredLimitsApplyToTheSingleArgumentForm() throws IOException {
        Path file = TestMedia.write(dir, "four", TestMedia.spec(MediaType.FLAC), TestMedia.speechLike(4, 44_100, 9));
        MediaInspector strict = new MediaInspector(new MediaLimits(MediaLimits.DEFAULT_MAX_BYTES, Duration.ofSeconds(5), Duration.ofSeconds(10)));

        MediaRejectedException e = assertThrows(MediaRejectedException.class, () -> strict.inspect(file));

        assertEquals(Reason.TOO_SHORT, e.reason());
        assertFalse(new MediaInspector().inspect(file).hasVideo());
    }

    private MediaRejectedException reject(Path file, MediaLimits limits) {
        return assertThrows(MediaRejectedException.class, () -> inspector.inspect(file, limits));
    }

    private void assertDoesNotThrowAt(Path file, MediaLimits limits) {
        assertEquals(MediaType.WAV, inspector.inspect(file, limits).type());
    }
}
