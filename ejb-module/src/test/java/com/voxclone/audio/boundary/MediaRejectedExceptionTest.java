package com.voxclone.audio.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaLimits;
import com.voxclone.audio.entity.MediaType;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class MediaRejectedExceptionTest {

    @Test
    void durationMessagesStateTheMeasuredLengthAndTheAllowedRange() {
        MediaRejectedException e = MediaRejectedException.tooShort(1.23, MediaLimits.defaults());
        assertEquals(MediaRejectedException.Reason.TOO_SHORT, e.reason());
        assertEquals("The recording is 1.2 s long; voice samples must be between 2 s and 5 min.", e.getMessage());
        assertEquals(1.23, e.measuredSeconds());
        assertNull(e.measuredBytes());

        MediaRejectedException tooLong = MediaRejectedException.tooLong(312.4, MediaLimits.defaults());
        assertEquals("The recording is 5 min 12 s long; voice samples must be between 2 s and 5 min.", tooLong.getMessage());
    }

    @Test
    void sizeMessageStatesTheSizeAndTheLimit() {
        MediaRejectedException e = MediaRejectedException.tooLarge(63_400_000L, MediaLimits.DEFAULT_MAX_BYTES);
        assertEquals(MediaRejectedException.Reason.TOO_LARGE, e.reason());
        assertEquals("The file is 60.5 MB; uploads may be at most 50 MB.", e.getMessage());
        assertEquals(63_400_000L, e.measuredBytes());
    }

    @Test
    void unsupportedTypeListsTheAllowedFormats() {
        assertTrue(MediaRejectedException.unsupportedType().getMessage().endsWith("Allowed formats: " + MediaType.allowedLabels() + "."));
    }

    @Test
    void videoWithoutSoundIsNamedAsSuch() {
        assertTrue(MediaRejectedException.noAudio(MediaType.MP4).getMessage().startsWith("The video has no audio track"));
        assertTrue(MediaRejectedException.noAudio(MediaType.WAV).getMessage().startsWith("The file contains no audio"));
    }

    @Test
    void limitsRejectAnInvertedRange() {
        Assertions.assertThrows(IllegalArgumentException.class,
                () -> new MediaLimits(1000, Duration.ofSeconds(10), Duration.ofSeconds(5)));
    }
}
