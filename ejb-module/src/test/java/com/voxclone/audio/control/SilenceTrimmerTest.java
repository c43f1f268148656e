package com.voxclone.audio.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.voxclone.audio.TestMedia;
import com.voxclone.audio.entity.PcmAudio;

import org.junit.jupiter.api.Test;

class SilenceTrimmerTest {

    private static final int RATE = 24_000;
    private final SilenceTrimmer trimmer = new SilenceTrimmer(0.15);

    private SilenceTrimmer.Span span(PcmAudio audio) {
        return trimmer.voicedSpan(audio.samples(), audio.sampleRate());
    }

    @Test
    void trimsDigitalSilenceKeepingTheMargin() {
        PcmAudio speech = TestMedia.speechLike(2.0, RATE, 1);
        PcmAudio clip = TestMedia.silence(0.8, RATE).append(speech).append(TestMedia.silence(1.2, RATE));
        int voiceStart = firstNonZero(speech.samples()) + (int) (0.8 * RATE);
        int voiceEnd = lastNonZero(speech.samples()) + 1 + (int) (0.8 * RATE);

        SilenceTrimmer.Span span = span(clip);

        assertEquals(voiceStart - 0.15 * RATE, span.start(), 0.03 * RATE);
        assertEquals(voiceEnd + 0.15 * RATE, span.end(), 0.03 * RATE);
    }

    @Test
    void trimsARoomNoiseFloor() {
        PcmAudio speech = TestMedia.speechLike(2.0, RATE, 2);
        PcmAudio clip = TestMedia.mix(TestMedia.silence(1.0, RATE).append(speech).append(TestMedia.silence(1.0, RATE)),
                TestMedia.noise(4.0, RATE, -50, 3));

        SilenceTrimmer.Span span = span(clip);

        assertEquals(0.85 * RATE, span.start(), 0.05 * RATE);
        assertEquals(4.0 * RATE - (1.0 - 0.15) * RATE, span.end(), 0.08 * RATE);
    }

    @Test
    void keepsTheWholeClipWhenThereIsNoVoice() {
        PcmAudio silence = TestMedia.silence(3, RATE);
        assertEquals(new SilenceTrimmer.Span(0, silence.samples().length), span(silence));

        PcmAudio hiss = TestMedia.noise(3, RATE, -40, 4);
        SilenceTrimmer.Span hissSpan = span(hiss);
        assertEquals(hiss.samples().length, hissSpan.length(), 0.05 * RATE, "steady noise is not trimmed away");
    }

    @Test
    void aSingleClickDoesNotCountAsVoice() {
        float[] samples = TestMedia.silence(1.0, RATE).append(TestMedia.speechLike(2.0, RATE, 5)).samples();
        samples[RATE / 10] = 0.9f;

        SilenceTrimmer.Span span = trimmer.voicedSpan(samples, RATE);

        assertEquals(0.85 * RATE, span.start(), 0.05 * RATE);
    }

    private static int firstNonZero(float[] samples) {
        int i = 0;
        while (Math.abs(samples[i]) < 1e-3f) {
            i++;
        }
        return i;
    }

    private static int lastNonZero(float[] samples) {
        int i = samples.length - 1;
        while (Math.abs(samples[i]) < 1e-3f) {
            i--;
        }
        return i;
    }
}
