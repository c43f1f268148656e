package com.voxclone.engine.offline.quality;

import com.voxclone.signal.boundary.SpeakerPrint;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.offline.control.Resampler;
import com.voxclone.engine.offline.control.VoiceActivityDetector;

/**
 * Speaker distance for the quality measurements: the {@link SpeakerPrint} distance at 16 kHz over the frames the
 * engine's voice activity detector marks as speech.
 */
public final class SpeakerDistance {

    private static final int RATE = 16_000;

    private SpeakerDistance() {
    }

    public static double between(PcmAudio a, PcmAudio b) {
        return print(a).distanceTo(print(b)).total();
    }

    private static SpeakerPrint print(PcmAudio audio) {
        float[] x = Resampler.resample(audio.samples(), audio.sampleRate(), RATE);
        return SpeakerPrint.of(x, RATE, VoiceActivityDetector.speechFrames(x, RATE));
    }
}
