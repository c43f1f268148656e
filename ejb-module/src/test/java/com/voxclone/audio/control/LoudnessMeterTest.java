package com.voxclone.audio.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.voxclone.audio.TestMedia;
import com.voxclone.audio.entity.PcmAudio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoudnessMeterTest {

    @TempDir
    Path dir;

    private static double loudness(PcmAudio audio) {
        return LoudnessMeter.integratedLoudness(audio.samples(), audio.sampleRate());
    }

    /** BS.1770 calibration: a full-scale 997 Hz sine in one channel reads -3.01 LKFS, at any rate. */
    @ParameterizedTest
    @ValueSource(ints = {16_000, 24_000, 44_100, 48_000})
    void fullScaleSineReadsMinusThreeLufs(int rate) {
        assertEquals(-3.01, loudness(TestMedia.tone(997, 5, rate, 1.0)), 0.05);
    }

    @Test
    void loudnessFollowsTheLevel() {
        assertEquals(-23.01, loudness(TestMedia.tone(997, 5, 24_000, 0.1)), 0.05);
    }

    @Test
    void kWeightingAttenuatesLowFrequencies() {
        // the RLB high-pass takes about 14 dB off 20 Hz relative to 1 kHz
        double low = loudness(TestMedia.tone(20, 5, 24_000, 1.0));
        assertEquals(-3.01 - 14, low, 2.0);
    }

    @Test
    void absoluteGateIgnoresSilence() {
        PcmAudio tone = TestMedia.tone(997, 4, 24_000, 0.1);
        PcmAudio withPauses = TestMedia.silence(3, 24_000).append(tone).append(TestMedia.silence(5, 24_000));
        // ungated, 8 s of silence would pull it down by 4.8 dB; only blocks straddling the edges still count
        assertEquals(loudness(tone), loudness(withPauses), 0.5);
    }

    @Test
    void relativeGateIgnoresMuchQuieterPassages() {
        PcmAudio loud = TestMedia.tone(997, 5, 24_000, 0.1);              // -23 LUFS
        PcmAudio quiet = TestMedia.tone(997, 5, 24_000, 0.1 / 31.6);      // -53 LUFS, 30 LU below
        // ungated, the mean power would read 3 dB lower than the loud part
        assertEquals(-23.01, loudness(loud.append(quiet)), 0.3);
    }

    @Test
    void silenceHasNoLoudness() {
        assertEquals(LoudnessMeter.SILENCE_LUFS, loudness(TestMedia.silence(3, 24_000)));
        assertEquals(LoudnessMeter.SILENCE_LUFS, LoudnessMeter.integratedLoudness(new float[0], 24_000));
    }

    @Test
    void shortClipIsMeasuredAsOneBlock() {
        assertEquals(-23.01, loudness(TestMedia.tone(997, 0.3, 24_000, 0.1)), 0.2);
    }

    /** Cross-check against FFmpeg's EBU R128 meter on a speech-like signal with pauses. */
    @ParameterizedTest
    @ValueSource(ints = {24_000, 48_000})
    void agreesWithFfmpegEbur128(int rate) throws IOException, InterruptedException {
        PcmAudio speech = TestMedia.scaled(TestMedia.speechLike(12, rate, 21), -6);
        Path wav = Files.write(dir.resolve("speech.wav"), new WavCodec().encode16(speech));
        PcmAudio quantised;
        try (var in = Files.newInputStream(wav)) {
            quantised = new WavCodec().decode(in);
        }

        assertEquals(ffmpegIntegratedLoudness(wav), loudness(quantised), 0.2);
    }

    private static double ffmpegIntegratedLoudness(Path wav) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("ffmpeg", "-nostats", "-hide_banner", "-i", wav.toString(),
                    "-af", "ebur128", "-f", "null", "-").redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            throw new IllegalStateException("the ffmpeg command is missing; install the Debian package ffmpeg", notInstalled);
        }
        String log = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        Matcher summary = Pattern.compile("Integrated loudness:\\s*I:\\s*(-?[0-9.]+) LUFS").matcher(log);
        if (!summary.find()) {
            throw new IllegalStateException("no loudness summary in ffmpeg's output:\n" + log);
        }
        return Double.parseDouble(summary.group(1));
    }
}
