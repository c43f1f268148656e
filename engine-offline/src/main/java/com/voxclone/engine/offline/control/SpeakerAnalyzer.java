package com.voxclone.engine.offline.control;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.offline.entity.SpeakerProfile;
import java.util.List;
import java.util.Locale;

/** Measures a {@link SpeakerProfile} from recordings, and combines the profiles of several recordings of one voice. */
public final class SpeakerAnalyzer {

    /** Below this much speech the measurements say more about the words than about the voice. */
    public static final double MIN_SPEECH_SECONDS = 1.0;
    private static final double MIN_VOICED_SECONDS = 0.3;

    private SpeakerAnalyzer() {
    }

    /**
     * @throws IllegalArgumentException when the recording holds too little voiced speech to measure
     */
    public static SpeakerProfile analyze(PcmAudio input) {
        PcmAudio audio = Resampler.toRate(input, PcmAudio.MODEL_RATE);
        float[] x = audio.samples();
        int rate = audio.sampleRate();
        boolean[] speech = VoiceActivityDetector.speechFrames(x, rate);
        double speechSeconds = VoiceActivityDetector.speechSeconds(speech);
        double[] f0 = PitchTracker.track(audio);
        double[] voiced = Statistics.positive(f0);
        double voicedSeconds = voiced.length * VoiceActivityDetector.HOP_SECONDS;
        if (speechSeconds < MIN_SPEECH_SECONDS || voicedSeconds < MIN_VOICED_SECONDS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the recording holds %.1f s of speech (%.1f s voiced); at least %.1f s of clearly spoken speech is needed",
                    speechSeconds, voicedSeconds, MIN_SPEECH_SECONDS));
        }
        double median = Statistics.percentile(voiced, 50);
        double spread = 0;
        for (double v : voiced) {
            double st = Statistics.semitones(v, median);
            spread += st * st;
        }
        double[] ltas = SpectrumAnalyzer.shapeDb(SpectrumAnalyzer.bandLevelsDb(x, rate, speech));
        return new SpeakerProfile(speechSeconds, voicedSeconds, median,
                Statistics.percentile(voiced, 10), Statistics.percentile(voiced, 90), Math.sqrt(spread / voiced.length),
                SpectrumAnalyzer.formants(x, rate, f0), ltas, SpectrumAnalyzer.tiltDbPerOctave(ltas),
                SpeakingRateEstimator.syllablesPerSecond(x, rate, speech), loudnessDb(x, rate, speech));
    }

    /** RMS level of the speech frames in dB full scale. */
    public static double loudnessDb(float[] x, int rate, boolean[] speech) {
        int hop = (int) Math.round(rate * VoiceActivityDetector.HOP_SECONDS);
        double sum = 0;
        long n = 0;
        for (int f = 0; f < speech.length; f++) {
            if (!speech[f]) {
                continue;
            }
            for (int i = f * hop; i < Math.min(x.length, (f + 1) * hop); i++) {
                sum += x[i] * x[i];
                n++;
            }
        }
        return n == 0 ? -120 : 10 * Math.log10(sum / n + 1e-12);
    }

    /**
     * One profile for several recordings: pitch and formant values weighted by voiced duration (averaged on a log
     * scale, as pitch is perceived), spectrum, rate and level weighted by speech duration (spectra averaged in dB).
     */
    public static SpeakerProfile combine(List<SpeakerProfile> profiles) {
        if (profiles.size() == 1) {
            return profiles.get(0);
        }
        double speech = 0, voiced = 0;
        for (SpeakerProfile p : profiles) {
            speech += p.speechSeconds();
            voiced += p.voicedSeconds();
        }
        double logMedian = 0, logLow = 0, logHigh = 0, spread = 0, rate = 0, loudness = 0;
        double[] ltas = new double[profiles.get(0).ltasDb().length];
        double[] logFormants = new double[3];
        double formantWeight = 0;
        for (SpeakerProfile p : profiles) {
            double wv = p.voicedSeconds() / voiced;
            double ws = p.speechSeconds() / speech;
            logMedian += wv * Math.log(p.f0MedianHz());
            logLow += wv * Math.log(p.f0LowHz());
            logHigh += wv * Math.log(p.f0HighHz());
            spread += wv * p.f0StdSemitones() * p.f0StdSemitones();
            rate += ws * p.syllablesPerSecond();
            loudness += ws * Math.pow(10, p.loudnessDb() / 10);
            for (int b = 0; b < ltas.length; b++) {
                ltas[b] += ws * p.ltasDb()[b];
            }
            if (p.formantsHz() != null) {
                for (int i = 0; i < 3; i++) {
                    logFormants[i] += p.voicedSeconds() * Math.log(p.formantsHz()[i]);
                }
                formantWeight += p.voicedSeconds();
            }
        }
        double[] formants = null;
        if (formantWeight > 0) {
            formants = new double[3];
            for (int i = 0; i < 3; i++) {
                formants[i] = Math.exp(logFormants[i] / formantWeight);
            }
        }
        ltas = SpectrumAnalyzer.shapeDb(ltas);
        return new SpeakerProfile(speech, voiced, Math.exp(logMedian), Math.exp(logLow), Math.exp(logHigh), Math.sqrt(spread),
                formants, ltas, SpectrumAnalyzer.tiltDbPerOctave(ltas), rate, 10 * Math.log10(loudness));
    }
}
