package com.voxclone.engine.offline.quality;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.offline.control.Resampler;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reference speech for the quality tests, made or found on the machine, never stored in the repository: synthetic
 * voices from espeak-ng (Debian package espeak-ng) and real read speech from the Debian package pocketsphinx-testdata.
 */
public final class SpeechFixtures {

    static final Path POCKETSPHINX_DATA = Path.of("/usr/share/pocketsphinx/test/data");

    private SpeechFixtures() {
    }

    /** Speech from espeak-ng with the given voice variant and pitch (0-99), at 24 kHz. */
    public static PcmAudio espeak(String voice, int pitch, String text) {
        List<String> command = new ArrayList<>(List.of("espeak-ng", "-v", voice, "-p", Integer.toString(pitch), "--stdout", text));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] wav;
            try (InputStream out = process.getInputStream()) {
                wav = out.readAllBytes();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || wav.length < 100) {
                throw new IllegalStateException("espeak-ng failed for voice " + voice);
            }
            return Resampler.toRate(readWav(new ByteArrayInputStream(wav)), PcmAudio.MODEL_RATE);
        } catch (IOException e) {
            throw new IllegalStateException("espeak-ng is needed for the synthetic reference voices: install the Debian package espeak-ng", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A file from pocketsphinx-testdata (WAV, or raw 16 kHz 16-bit little-endian), at 24 kHz. */
    public static PcmAudio pocketsphinx(String relativePath) {
        Path file = POCKETSPHINX_DATA.resolve(relativePath);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("Real speech recordings are missing (" + file
                    + "): install the Debian package pocketsphinx-testdata");
        }
        try (InputStream in = Files.newInputStream(file)) {
            PcmAudio audio = relativePath.endsWith(".raw") ? rawPcm16(in.readAllBytes(), 16_000) : readWav(in);
            return Resampler.toRate(audio, PcmAudio.MODEL_RATE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static PcmAudio readWav(InputStream in) throws IOException {
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new BufferedInputStream(in))) {
            AudioFormat format = audio.getFormat();
            if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1 || format.isBigEndian()) {
                throw new IOException("expected 16-bit little-endian mono, got " + format);
            }
            return rawPcm16(audio.readAllBytes(), Math.round(format.getSampleRate()));
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(e);
        }
    }

    static PcmAudio rawPcm16(byte[] bytes, int rate) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = buffer.getShort() / 32768f;
        }
        return new PcmAudio(samples, rate);
    }

    /** 16-bit little-endian samples (clipped), as speech recognisers read them. */
    public static byte[] pcm16(float[] samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(samples.length * 2);
        for (float s : samples) {
            int v = Math.round(Math.max(-1f, Math.min(1f, s)) * 32767);
            out.write(v & 0xff);
            out.write((v >> 8) & 0xff);
        }
        return out.toByteArray();
    }
}
