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
 * espeak-ng and real read speech from the Debian package pocketsphinx-testdata, both brought to 16 kHz mono by sox,
 * and real spoken telephone prompts from the Debian packages asterisk-core-sounds-*-g722, decoded by ffmpeg.
 */
public final class SpeechSamples {

    public static final Path POCKETSPHINX_DATA = Path.of("/usr/share/pocketsphinx/test/data");
    /**
     * Studio recordings of four professional speakers, one folder per language: Allison Smith (en_US and es_MX), June
     * Wallack (fr_CA), Carlo Flora (it_IT) and a Russian speaker (ru_RU), G.722-coded at 16 kHz.
     */
    public static final Path TELEPHONE_PROMPTS = Path.of("/usr/share/asterisk/sounds");
    private static final String PROMPT_PACKAGES = "asterisk-core-sounds-en-g722, -es-g722, -fr-g722, -it-g722 and -ru-g722";

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

    /** The few files among the prompts that hold no speech: silences of 1-10 s, beeps, tones and two short jingles. */
    private static final java.util.regex.Pattern NOT_SPEECH = java.util.regex.Pattern.compile(
            ".*/silence/.*|.*/(beep|beeperr|ascending-2tone|descending-2tone|confbridge-join|confbridge-leave)\\.g722");

    /** A tenth of a second of G.722 (8,000 bytes a second); one prompt file of the Russian set is empty. */
    private static final long MIN_PROMPT_BYTES = 800;

    /**
     * The spoken telephone prompts of one speaker's folder ({@code null}: all folders), without the silences, beeps,
     * tones and empty files among them; sorted, so numbering is stable.
     */
    public static List<Path> telephonePrompts(String folder) {
        Path root = folder == null ? TELEPHONE_PROMPTS : TELEPHONE_PROMPTS.resolve(folder);
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("Real speech recordings are missing (" + root + "): install the Debian packages "
                    + PROMPT_PACKAGES);
        }
        try (var files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".g722") && !NOT_SPEECH.matcher(f.toString()).matches()
                    && f.toFile().length() >= MIN_PROMPT_BYTES).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("could not list " + root, e);
        }
    }

    /** A telephone prompt at 16 kHz mono. */
    public static PcmAudio telephonePrompt(Path file) {
        return run(List.of("ffmpeg", "-v", "error", "-f", "g722", "-i", file.toString(), "-ac", "1", "-ar", "16000", "-f", "s16le", "-"),
                "install the Debian packages ffmpeg and " + PROMPT_PACKAGES);
    }

    private static PcmAudio run(List<String> command) {
        return run(command, "install the Debian packages espeak-ng and sox");
    }

    private static PcmAudio run(List<String> command, String remedy) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] raw;
            try (InputStream out = process.getInputStream()) {
                raw = out.readAllBytes();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || raw.length < 100) {
                throw new IllegalStateException("could not make test speech with " + command + ": " + remedy);
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
