package com.voxclone.audio.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.voxclone.audio.TestMedia;
import com.voxclone.audio.control.AudioDecoder;
import com.voxclone.audio.entity.MediaLimits;
import com.voxclone.audio.entity.MediaType;
import com.voxclone.audio.entity.NormalizationTarget;
import com.voxclone.audio.entity.PcmAudio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

/**
 * Files that lie or are broken: decoding stops at the length limit whatever the header claims, and whatever damage
 * a file has, the decoder either reads it or refuses it as bad media, never with another error.
 */
class DamagedMediaTest {

    private static final int RATE = 24_000;

    @TempDir
    Path dir;

    @Test
    void aFileWhoseHeaderUnderstatesItsLengthIsRefusedOnceDecodingPassesTheLimit() throws IOException {
        // FLAC: the header (STREAMINFO) of a 3 s recording, followed by the frames of a 20 s one.
        Path lying = TestMedia.understatedFlac(dir, "lying", 3, 20);
        assertEquals(3.0, TestMedia.ffprobe(lying).durationSeconds(), 0.05, "the header must claim 3 s for this test to mean anything");
        AudioPipeline pipeline = new AudioPipeline(NormalizationTarget.defaults(),
                new MediaLimits(MediaLimits.DEFAULT_MAX_BYTES, Duration.ofSeconds(2), Duration.ofSeconds(10)));

        MediaRejectedException refused = assertThrows(MediaRejectedException.class, () -> pipeline.decode(lying, RATE));

        assertEquals(MediaRejectedException.Reason.TOO_LONG, refused.reason());
        assertTrue(refused.measuredSeconds() > 10 && refused.measuredSeconds() < 12, "stopped at " + refused.measuredSeconds());
    }

    /** Seen with a damaged upload: FFmpeg's wrapper failed with a null pointer while opening the file. */
    @Test
    void anyFailureInsideTheDecoderIsAPermanentBadMediaRefusalInPlainWords() throws Exception {
        AudioPipeline pipeline = new AudioPipeline();
        pipeline.decoder = Mockito.mock(AudioDecoder.class);
        Mockito.when(pipeline.decoder.decode(ArgumentMatchers.any(), ArgumentMatchers.anyInt(),
                ArgumentMatchers.anyDouble())).thenThrow(new NullPointerException(
                        "Cannot invoke \"org.bytedeco.javacpp.BytePointer.equals(Object)\" because \"p\" is null"));
        Path file = TestMedia.write(dir, "any", TestMedia.spec(MediaType.WAV), TestMedia.tone(440, 3, RATE, 0.3));

        MediaRejectedException refused = assertThrows(MediaRejectedException.class, () -> pipeline.decode(file, RATE));

        assertEquals(MediaRejectedException.Reason.UNDECODABLE, refused.reason());
        assertTrue(refused.getMessage().startsWith("The file looks like WAV but could not be read"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("BytePointer"), refused.getMessage());
    }

    /**
     * Seeded damage to real files of several formats (bytes flipped, cut short, headers overwritten with large
     * numbers). Every outcome must be audio or a {@link MediaRejectedException}: anything else would be retried as a
     * passing failure and end as an internal error text on the job.
     */
    @Test
    void damagedFilesAreReadOrRefusedAsBadMediaNeverAnotherError() throws IOException {
        AudioPipeline pipeline = new AudioPipeline();
        PcmAudio speech = TestMedia.speechLike(3, 48_000, 11);
        Random random = new Random(20261201);
        List<String> unexpected = new ArrayList<>();
        int refused = 0;
        int cases = 0;
        for (MediaType type : List.of(MediaType.WAV, MediaType.MP3, MediaType.FLAC, MediaType.OGG, MediaType.MP4, MediaType.WEBM)) {
            byte[] original = Files.readAllBytes(TestMedia.write(dir, "clean-" + type, TestMedia.spec(type), speech));
            for (int i = 0; i < Integer.getInteger("voxclone.damage-cases", 20); i++) {
                byte[] damaged = damage(original, random);
                Path file = Files.write(dir.resolve("damaged-" + type + "-" + i + "." + type.name().toLowerCase()), damaged);
                cases++;
                try {
                    pipeline.decode(file, RATE);
                } catch (MediaRejectedException expected) {
                    refused++;
                } catch (RuntimeException e) {
                    unexpected.add(type + " #" + i + ": " + e);
                }
            }
        }
        if (!unexpected.isEmpty()) {
            fail(unexpected.size() + " of " + cases + " damaged files failed with something other than a bad-media refusal: " + unexpected);
        }
        assertTrue(refused > 0, "the damage should make at least some files unreadable");
    }

    private static byte[] damage(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int n = 0; n < 1 + random.nextInt(40); n++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> b = Arrays.copyOf(b, 1 + random.nextInt(b.length - 1));
            case 2 -> {
                // Absurd sizes and durations where headers live.
                int at = random.nextInt(Math.min(b.length - 4, 256));
                b[at] = (byte) 0x7f;
                b[at + 1] = (byte) 0xff;
                b[at + 2] = (byte) 0xff;
                b[at + 3] = (byte) 0xff;
            }
            default -> {
                int from = random.nextInt(b.length / 2);
                Arrays.fill(b, from, Math.min(b.length, from + 1 + random.nextInt(4096)), (byte) random.nextInt(256));
            }
        }
        return b;
    }
}
