package com.voxclone.audio.control;

import com.voxclone.audio.entity.PcmAudio;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * RIFF/WAVE in plain Java: engines and the web tier exchange WAV without going through FFmpeg.
 * Writes 16-bit PCM mono; reads 16-bit and 24-bit integer PCM and 32-bit float, any channel count
 * (averaged to mono), including WAVE_FORMAT_EXTENSIBLE headers.
 */
public final class WavCodec {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final int HEADER_BYTES = 44;

    /** 16-bit PCM mono WAV; samples outside [-1, 1] are clipped. */
    public byte[] encode16(PcmAudio audio) {
        float[] samples = audio.samples();
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        header16(out, audio.sampleRate(), samples.length * 2);
        return pcm16(samples, out).array();
    }

    /**
     * The header of a 16-bit mono WAV stream whose length is not known yet: the sizes say "up to the end", as
     * streaming players and FFmpeg read them.
     */
    public byte[] streamHeader16(int sampleRate) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header16(out, sampleRate, -1);
        return out.array();
    }

    /** Samples as 16-bit little-endian PCM without a header; samples outside [-1, 1] are clipped. */
    public byte[] pcm16(float[] samples) {
        return pcm16(samples, ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN)).array();
    }

    /** Puts the real sizes into a file that starts with a {@link #streamHeader16}. */
    public void writeSizes(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long dataBytes = channel.size() - HEADER_BYTES;
            if (dataBytes < 0 || dataBytes > 0xFFFFFFFFL - 36) {
                throw new IOException("not a WAV stream of a size a header can hold: " + channel.size() + " bytes");
            }
            ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            channel.write(size.putInt(0, (int) (36 + dataBytes)), 4);
            channel.write(size.putInt(0, (int) dataBytes).rewind(), HEADER_BYTES - 4);
        }
    }

    /** {@code dataBytes} of -1 writes the unknown-length sizes (0xFFFFFFFF). */
    private static void header16(ByteBuffer out, int sampleRate, int dataBytes) {
        out.put(ascii("RIFF")).putInt(dataBytes < 0 ? -1 : 36 + dataBytes).put(ascii("WAVE"));
        out.put(ascii("fmt ")).putInt(16).putShort((short) FORMAT_PCM).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        out.put(ascii("data")).putInt(dataBytes);
    }

    private static ByteBuffer pcm16(float[] samples, ByteBuffer out) {
        for (float sample : samples) {
            float clipped = Math.max(-1f, Math.min(1f, sample));
            out.putShort((short) Math.round(clipped * 32767f));
        }
        return out;
    }

    /** Reads a whole WAV stream (not closed here) into mono samples. */
    public PcmAudio decode(InputStream input) throws IOException {
        DataInputStream in = new DataInputStream(input);
        byte[] riff = readBytes(in, 12);
        if (!"RIFF".equals(ascii(riff, 0)) || !"WAVE".equals(ascii(riff, 8))) {
            throw new IOException("not a RIFF/WAVE stream");
        }
        Format format = null;
        while (true) {
            byte[] chunkHeader = readBytes(in, 8);
            String id = ascii(chunkHeader, 0);
            long size = ByteBuffer.wrap(chunkHeader, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            if ("fmt ".equals(id)) {
                format = Format.parse(readBytes(in, (int) size));
                skipPadding(in, size);
            } else if ("data".equals(id)) {
                if (format == null) {
                    throw new IOException("WAV data chunk before its fmt chunk");
                }
                return format.read(in, size);
            } else {
                in.skipNBytes(size + (size & 1));
            }
        }
    }

    private record Format(int encoding, int channels, int sampleRate, int bitsPerSample) {

        static Format parse(byte[] chunk) throws IOException {
            if (chunk.length < 16) {
                throw new IOException("WAV fmt chunk too short");
            }
            ByteBuffer b = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
            int encoding = b.getShort(0) & 0xFFFF;
            int channels = b.getShort(2) & 0xFFFF;
            int rate = b.getInt(4);
            int bits = b.getShort(14) & 0xFFFF;
            if (encoding == FORMAT_EXTENSIBLE && chunk.length >= 26) {
                encoding = b.getShort(24) & 0xFFFF; // first two bytes of the sub-format GUID
            }
            boolean supported = (encoding == FORMAT_PCM && (bits == 16 || bits == 24))
                    || (encoding == FORMAT_FLOAT && bits == 32);
            if (!supported || channels < 1 || rate <= 0) {
                throw new IOException("unsupported WAV encoding " + encoding + " with " + bits + " bits and "
                        + channels + " channels; 16/24-bit PCM or 32-bit float are supported");
            }
            return new Format(encoding, channels, rate, bits);
        }

        PcmAudio read(DataInputStream in, long declaredSize) throws IOException {
            int frameBytes = channels * bitsPerSample / 8;
            // Streaming writers leave the size at 0 or 0xFFFFFFFF; then read to the end.
            byte[] data = declaredSize == 0 || declaredSize >= 0xFFFFFFF0L
                    ? in.readAllBytes() : readBytes(in, Math.toIntExact(declaredSize));
            int frames = data.length / frameBytes;
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            float[] mono = new float[frames];
            int bytesPerSample = bitsPerSample / 8;
            for (int frame = 0; frame < frames; frame++) {
                float sum = 0;
                for (int channel = 0; channel < channels; channel++) {
                    sum += sample(b, frame * frameBytes + channel * bytesPerSample);
                }
                mono[frame] = sum / channels;
            }
            return new PcmAudio(mono, sampleRate);
        }

        private float sample(ByteBuffer b, int at) {
            if (encoding == FORMAT_FLOAT) {
                return b.getFloat(at);
            }
            if (bitsPerSample == 16) {
                return b.getShort(at) / 32768f;
            }
            int value = (b.get(at) & 0xFF) | (b.get(at + 1) & 0xFF) << 8 | b.get(at + 2) << 16;
            return value / 8388608f;
        }
    }

    private static byte[] readBytes(DataInputStream in, int count) throws IOException {
        byte[] bytes = new byte[count];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new IOException("WAV stream ends early", e);
        }
        return bytes;
    }

    private static void skipPadding(DataInputStream in, long size) throws IOException {
        if ((size & 1) == 1) {
            in.skipNBytes(1);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }
}
