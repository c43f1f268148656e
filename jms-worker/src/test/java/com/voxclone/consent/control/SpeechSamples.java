package com.voxclone.consent.control;

import com.voxclone.audio.entity.PcmAudio;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Speech for the consent tests, made or found on the machine, never stored in the repository: synthetic voices from
 * espeak-ng and real read speech from the Debian package pocketsphinx-testdata, both brought to 16 kHz mono by sox.
 */
public final class SpeechSamples {

    public static final Path POCKETSPHINX_DATA = Path.of("/usr/share/pocketsphinx/test/data");

    private SpeechSamples() {
    }

    /** espeak-ng speaking {@code text} with voice variant {@code voice} at {@code pitch} (0-99), at 16 kHz. */
    public static PcmAudio espeak(String voice, int pitch, String text) {
        return run(List.of("bash", "-c", "espeak-ng -v \"$1\" -p \"$2\" --stdout \"$3\" | sox -t wav - -t raw -r 16000 -c 1 "
                + "-b 16 -e signed-integer -L -", "espeak", voice, Integer.toString(pitch), text));
    }

    /** A recording of pocketsphinx-testdata (WAV, or raw 16 kHz 16-bit little-endian), at 16 kHz. */
    public static PcmAudio pocketsphinx(String relativePath) {
        Path file = POCKETSPHINX_DATA.resolve(relativePath);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("Real speech recordings are missing (" + file
                    + "): install the Debian package pocketsphinx-testdata");
        }
        List<String> input = relativePath.endsWith(".raw")
                ? List.of("-t", "raw", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-L", file.toString())
                : List.of(file.toString());
        List<String> command = new ArrayList<>(List.of("sox"));
        command.addAll(input);
        command.addAll(List.of("-t", "raw", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-L", "-"));
        return run(command);
    }

    private static PcmAudio run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] raw;
            try (InputStream out = process.getInputStream()) {
                raw = out.readAllBytes();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || raw.length < 100) {
                throw new IllegalStateException("could not make test speech with " + command
                        + ": install the Debian packages espeak-ng and sox");
            }
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            float[] samples = new float[raw.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = b.getShort() / 32768f;
            }
            return new PcmAudio(samples, 16_000);
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
