package com.voxclone.audio.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.TestMedia;
import com.voxclone.audio.control.LoudnessMeter;
import com.voxclone.audio.entity.MediaType;
import com.voxclone.audio.entity.NormalizationTarget;
import com.voxclone.audio.entity.NormalizedAudio;
import com.voxclone.audio.entity.PcmAudio;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AudioPipelineTest {

    private static final int RATE = PcmAudio.MODEL_RATE;

    @TempDir
    Path dir;

    private final AudioPipeline pipeline = new AudioPipeline();

    @ParameterizedTest
    @EnumSource(MediaType.class)
    void decodesEveryFormatToMonoAtTheRequestedRate(MediaType type) throws IOException {
        Path file = TestMedia.write(dir, "sample", TestMedia.spec(type), TestMedia.speechLike(3.0, 48_000, 1));

        PcmAudio audio = pipeline.decode(file, RATE);

        assertEquals(RATE, audio.sampleRate());
        assertEquals(3.0, audio.durationSeconds(), 0.08, "duration of " + type);
        assertTrue(rms(audio.samples()) > 0.05, "the decoded signal carries the recording");
    }

    @Test
    void decodesAtOtherRatesToo() throws IOException {
        Path file = TestMedia.write(dir, "sample", TestMedia.spec(MediaType.MP3), TestMedia.speechLike(2.5, 44_100, 2));

        PcmAudio audio = pipeline.decode(file, 16_000);

        assertEquals(16_000, audio.sampleRate());
        assertEquals(2.5, audio.durationSeconds(), 0.03);
    }

    @Test
    void resamplingKeepsTheFrequency() throws IOException {
        Path file = TestMedia.write(dir, "tone", TestMedia.spec(MediaType.WAV), TestMedia.tone(1000, 2, 44_100, 0.5));

        PcmAudio audio = pipeline.decode(file, RATE);

        // a 1 kHz sine crosses zero 2000 times per second
        assertEquals(2000, zeroCrossings(audio.samples()) / audio.durationSeconds(), 5);
    }

    @Test
    void videoWithoutSoundCannotBeDecoded() throws IOException {
        Path file = TestMedia.write(dir, "silent-film", TestMedia.spec(MediaType.MOV).withoutAudio(), TestMedia.silence(2, RATE));

        MediaRejectedException e = assertThrows(MediaRejectedException.class, () -> pipeline.decode(file, RATE));

        assertEquals(MediaRejectedException.Reason.NO_AUDIO, e.reason());
    }

    @Test
    void damagedFileIsUndecodable() throws IOException {
        Path file = TestMedia.corrupt(dir, "damaged", MediaType.MP4, 48);

        MediaRejectedException e = assertThrows(MediaRejectedException.class, () -> pipeline.decode(file, RATE));

        assertEquals(MediaRejectedException.Reason.UNDECODABLE, e.reason());
    }

    @Test
    void normalisesTheAudioOfAVideo() throws IOException {
        PcmAudio speech = TestMedia.scaled(TestMedia.speechLike(3.0, 48_000, 3), -12);
        PcmAudio padded = TestMedia.silence(1.0, 48_000).append(speech).append(TestMedia.silence(1.5, 48_000));
        Path file = TestMedia.write(dir, "interview", TestMedia.spec(MediaType.MP4), padded);

        NormalizedAudio result = pipeline.normalizeReference(file);

        PcmAudio reference = result.audio();
        assertEquals(RATE, reference.sampleRate());
        double margin = NormalizationTarget.DEFAULT_SILENCE_MARGIN_SECONDS;
        assertEquals(3.0 + 2 * margin, reference.durationSeconds(), 0.1);
        assertEquals(1.0 - margin, result.trimmedLeadingSeconds(), 0.06);
        assertEquals(1.5 - margin, result.trimmedTrailingSeconds(), 0.1);
        assertLoudnessAndPeak(reference, NormalizationTarget.DEFAULT_LOUDNESS_LUFS);
        assertEquals(NormalizationTarget.DEFAULT_LOUDNESS_LUFS - result.inputLoudnessLufs(), result.gainDb(), 1e-6);
    }

    @Test
    void normalisesRealSpeechFromEspeak() throws IOException {
        PcmAudio spoken = TestMedia.espeak("The quick brown fox jumps over the lazy dog, then rests in the warm sun.");
        int rate = spoken.sampleRate();
        PcmAudio padded = TestMedia.mix(TestMedia.silence(0.7, rate).append(spoken).append(TestMedia.silence(0.9, rate)),
                TestMedia.noise(0.7 + spoken.durationSeconds() + 0.9, rate, -65, 1));
        Path file = TestMedia.write(dir, "spoken", TestMedia.spec(MediaType.OGG), padded);

        NormalizedAudio result = pipeline.normalizeReference(file);

        // espeak itself leaves a little silence around the words, so at least the padding goes
        assertTrue(result.trimmedLeadingSeconds() >= 0.7 - 0.2 && result.trimmedLeadingSeconds() < 1.2,
                "leading trim " + result.trimmedLeadingSeconds());
        assertTrue(result.trimmedTrailingSeconds() >= 0.9 - 0.2 && result.trimmedTrailingSeconds() < 1.6,
                "trailing trim " + result.trimmedTrailingSeconds());
        assertTrue(result.audio().durationSeconds() > spoken.durationSeconds() - 0.6, "the words are kept");
        assertLoudnessAndPeak(result.audio(), NormalizationTarget.DEFAULT_LOUDNESS_LUFS);
    }

    @Test
    void peakCeilingWinsOverLoudness() {
        // quiet speech with a loud click: reaching -12 LUFS would push the click past -1 dBFS
        float[] samples = TestMedia.scaled(TestMedia.speechLike(3, RATE, 4), -20).samples();
        samples[RATE] = 0.9f;
        AudioPipeline loud = new AudioPipeline(new NormalizationTarget(-12, -1, 0.15));

        NormalizedAudio result = loud.normalize(new PcmAudio(samples, RATE));

        assertEquals(-1.0, result.peakDbfs(), 0.01);
        assertTrue(result.outputLoudnessLufs() < -12 - 1, "loudness " + result.outputLoudnessLufs());
        assertEquals(result.outputLoudnessLufs(), LoudnessMeter.integratedLoudness(result.audio().samples(), RATE), 1e-9);
    }

    @Test
    void removesDcOffset() {
        PcmAudio speech = TestMedia.scaled(TestMedia.speechLike(3, RATE, 5), -6);
        float[] shifted = speech.samples().clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 0.2f;
        }

        PcmAudio result = pipeline.normalize(new PcmAudio(shifted, RATE)).audio();

        assertEquals(0, mean(result.samples()), 1e-3);
    }

    @Test
    void silenceIsNotTrimmedToNothing() {
        NormalizedAudio result = pipeline.normalize(TestMedia.silence(2.5, RATE));

        assertEquals(2.5, result.audio().durationSeconds(), 1e-9);
        assertEquals(0, result.gainDb());
    }

    @Test
    void wavRoundTrip() throws IOException {
        PcmAudio audio = TestMedia.speechLike(2, RATE, 6);

        PcmAudio back = pipeline.fromWav(new ByteArrayInputStream(pipeline.toWav(audio)));

        assertEquals(RATE, back.sampleRate());
        assertArrayEquals(audio.samples(), back.samples(), 1.0f / 32767);
    }

    @Test
    void mp3IsTwentyFourKilohertzMonoAndKeepsTheDuration() throws IOException {
        PcmAudio audio = TestMedia.speechLike(3.2, RATE, 7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        pipeline.toMp3(audio, out);

        Path mp3 = Files.write(dir.resolve("out.mp3"), out.toByteArray());
        assertEquals(Optional.of(MediaType.MP3), MediaType.sniff(out.toByteArray()));
        TestMedia.Probe info = TestMedia.ffprobe(mp3);
        assertEquals(RATE, info.sampleRate());
        assertEquals(1, info.channels());
        // ffprobe's duration includes the encoder's delay and padding: up to two 48 ms frames at 24 kHz.
        assertEquals(3.2 + 0.048, info.durationSeconds(), 0.05);
        // 160 kb/s constant: 20 kB per second of audio
        assertEquals(3.2 * 20_000, out.size(), 3.2 * 20_000 * 0.1);
        PcmAudio decoded = pipeline.decode(mp3, RATE);
        assertEquals(3.2, decoded.durationSeconds(), 0.03);
        assertEquals(rms(audio.samples()), rms(decoded.samples()), rms(audio.samples()) * 0.1);
    }

    @Test
    void mp3ResamplesOtherRates() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        pipeline.toMp3(TestMedia.speechLike(2.5, 48_000, 8), out);

        Path mp3 = Files.write(dir.resolve("resampled.mp3"), out.toByteArray());
        assertEquals(RATE, TestMedia.ffprobe(mp3).sampleRate());
        assertEquals(2.5, pipeline.decode(mp3, RATE).durationSeconds(), 0.03);
    }

    @Test
    void flacIsLossless() throws IOException {
        PcmAudio audio = TestMedia.speechLike(2.5, RATE, 9);

        byte[] flac = pipeline.toFlac(audio);

        assertEquals(Optional.of(MediaType.FLAC), MediaType.sniff(flac));
        Path file = Files.write(dir.resolve("reference.flac"), flac);
        PcmAudio back = pipeline.decode(file, RATE);
        assertEquals(audio.samples().length, back.samples().length);
        assertArrayEquals(audio.samples(), back.samples(), 1.0f / 32767);
        assertTrue(flac.length < audio.samples().length * 2, "smaller than 16-bit PCM");
    }

    private static void assertLoudnessAndPeak(PcmAudio audio, double targetLufs) {
        assertEquals(targetLufs, LoudnessMeter.integratedLoudness(audio.samples(), audio.sampleRate()), 1.0);
        float peak = 0;
        for (float s : audio.samples()) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertTrue(20 * Math.log10(peak) <= -1.0, "peak " + 20 * Math.log10(peak) + " dBFS");
    }

    private static double rms(float[] samples) {
        double sum = 0;
        for (float s : samples) {
            sum += s * s;
        }
        return Math.sqrt(sum / samples.length);
    }

    private static double mean(float[] samples) {
        double sum = 0;
        for (float s : samples) {
            sum += s;
        }
        return sum / samples.length;
    }

    private static int zeroCrossings(float[] samples) {
        int count = 0;
        for (int i = 1; i < samples.length; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                count++;
            }
        }
        return count;
    }
}
