package com.voxclone.audio.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import com.voxclone.audio.TestMedia;
import com.voxclone.audio.entity.PcmAudio;

import org.junit.jupiter.api.Test;

class WavCodecTest {

    private final WavCodec codec = new WavCodec();

    @Test
    void sixteenBitRoundTripKeepsRateAndSamples() throws IOException {
        PcmAudio audio = TestMedia.speechLike(1.5, 24_000, 1);

        byte[] wav = codec.encode16(audio);
        PcmAudio back = codec.decode(new ByteArrayInputStream(wav));

        assertEquals(44 + audio.samples().length * 2, wav.length);
        assertEquals(24_000, back.sampleRate());
        assertArrayEquals(audio.samples(), back.samples(), 1.0f / 32767);
    }

    @Test
    void clipsOutOfRangeSamples() throws IOException {
        PcmAudio back = codec.decode(new ByteArrayInputStream(codec.encode16(new PcmAudio(new float[] {1.7f, -3f}, 8_000))));
        assertArrayEquals(new float[] {32767 / 32768f, -32767 / 32768f}, back.samples(), 1e-6f);
    }

    @Test
    void readsTwentyFourBitStereoAsMono() throws IOException {
        // left +0.5, right -0.25 -> mono 0.125; then left -1.0, right 0 -> -0.5
        ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        put24(data, 0x400000);
        put24(data, -0x200000);
        put24(data, -0x800000);
        put24(data, 0);

        PcmAudio audio = codec.decode(new ByteArrayInputStream(wav(1, 2, 48_000, 24, data.array(), false)));

        assertEquals(48_000, audio.sampleRate());
        assertArrayEquals(new float[] {0.125f, -0.5f}, audio.samples(), 1e-6f);
    }

    @Test
    void readsFloatWavWithExtensibleHeaderAndExtraChunks() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(0.5f).putFloat(0.3f).putFloat(0.1f).putFloat(-0.6f).putFloat(0f).putFloat(0f);

        PcmAudio audio = codec.decode(new ByteArrayInputStream(wav(3, 3, 16_000, 32, data.array(), true)));

        assertArrayEquals(new float[] {0.3f, -0.2f}, audio.samples(), 1e-6f);
    }

    @Test
    void rejectsWhatIsNotWav() {
        assertThrows(IOException.class, () -> codec.decode(new ByteArrayInputStream("not a wav file at all".getBytes(StandardCharsets.US_ASCII))));
        byte[] eightBit = wav(1, 1, 8_000, 8, new byte[] {1, 2, 3}, false);
        assertThrows(IOException.class, () -> codec.decode(new ByteArrayInputStream(eightBit)));
    }

    private static void put24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    /** A WAV with a LIST chunk before "fmt ", optionally in WAVE_FORMAT_EXTENSIBLE form. */
    private static byte[] wav(int encoding, int channels, int rate, int bits, byte[] data, boolean extensible) {
        int fmtSize = extensible ? 40 : 16;
        byte[] list = "INFOISFT\u0004\u0000\u0000\u0000test".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + list.length + 8 + fmtSize + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(b.capacity() - 8).put(ascii("WAVE"));
        b.put(ascii("LIST")).putInt(list.length).put(list);
        b.put(ascii("fmt ")).putInt(fmtSize).putShort((short) (extensible ? 0xFFFE : encoding)).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        if (extensible) {
            b.putShort((short) 22).putShort((short) bits).putInt(0).putShort((short) encoding).put(new byte[14]);
        }
        b.put(ascii("data")).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
