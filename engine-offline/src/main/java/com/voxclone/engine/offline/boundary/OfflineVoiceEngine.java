package com.voxclone.engine.offline.boundary;

import com.voxclone.audio.entity.AudioChunk;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.boundary.VoiceEngine;
import com.voxclone.engine.entity.EngineDescriptor;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.engine.offline.control.BaseVoice;
import com.voxclone.engine.offline.control.BaseVoiceSelector;
import com.voxclone.engine.offline.control.BaseVoices;
import com.voxclone.engine.offline.control.ChunkStreamer;
import com.voxclone.engine.offline.control.PitchTracker;
import com.voxclone.engine.offline.control.ProsodyPlanner;
import com.voxclone.engine.offline.control.Psola;
import com.voxclone.engine.offline.control.Resampler;
import com.voxclone.engine.offline.control.SentenceSplitter;
import com.voxclone.engine.offline.control.SpeakerAnalyzer;
import com.voxclone.engine.offline.control.Statistics;
import com.voxclone.engine.offline.control.VoiceMatcher;
import com.voxclone.engine.offline.entity.BaseVoiceCalibration;
import com.voxclone.engine.offline.entity.ClonedVoice;
import com.voxclone.engine.offline.entity.OfflineEngineConfig;
import com.voxclone.engine.offline.entity.ProsodyTargets;
import com.voxclone.engine.offline.entity.SpeakerProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * VoxClone's engine for machines without a GPU or model files. Enrolment measures the reference voice (pitch level,
 * range and spread, formants, long-term spectrum, speaking rate, loudness) and chooses the closest base voice
 * ({@link BaseVoiceSelector}); synthesis speaks with that voice using pitch and tempo targets computed from those
 * measurements, then moves the result onto the reference: vocal-tract length by resampling, residual pitch error by
 * PSOLA, spectrum by an equaliser, level by gain. How the user's settings map is described on {@link ProsodyPlanner};
 * chunking on {@link ChunkStreamer}.
 */
@ApplicationScoped
public class OfflineVoiceEngine implements VoiceEngine {

    public static final String ID = "offline";
    private static final int VOICE_SPECTRA_KEPT = 64;
    private static final Logger LOG = Logger.getLogger(OfflineVoiceEngine.class.getName());

    /** Phonetically varied sentences; each base voice is measured on them once. */
    static final String CALIBRATION_TEXT = "The quick brown fox jumps over the lazy dog. "
            + "She sells sea shells by the sea shore, while the children play in the garden. "
            + "How much wood would a woodchuck chuck if a woodchuck could chuck wood? "
            + "We were away a year ago, and every morning the weather was different.";

    private final OfflineEngineConfig config;
    /** The base voices in configured order, each loaded once per engine. */
    private final Map<String, BaseVoice> baseVoices = new LinkedHashMap<>();
    private volatile List<BaseVoiceCalibration> calibrations;
    /** Spectrum of the base voice speaking as each recently used voice; a few dozen voices are active at a time. */
    private final Map<ByteBuffer, double[]> voiceSpectra = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, double[]> eldest) {
            return size() > VOICE_SPECTRA_KEPT;
        }
    };

    /** For plain construction in tests and tools. */
    public OfflineVoiceEngine() {
        this(OfflineEngineConfig.defaults());
    }

    public OfflineVoiceEngine(OfflineEngineConfig config) {
        this.config = config;
        for (String name : config.baseVoices()) {
            baseVoices.put(name, BaseVoices.named(name));
        }
    }

    @Inject
    public OfflineVoiceEngine(
            @ConfigProperty(name = "voxclone.offline.base-voices", defaultValue = OfflineEngineConfig.DEFAULT_BASE_VOICES)
            List<String> baseVoices,
            @ConfigProperty(name = "voxclone.offline.max-formant-lowering", defaultValue = "0.2") double maxFormantLowering,
            @ConfigProperty(name = "voxclone.offline.max-formant-raising", defaultValue = "0.05") double maxFormantRaising,
            @ConfigProperty(name = "voxclone.offline.pitch-tolerance", defaultValue = "0.03") double pitchTolerance) {
        this(new OfflineEngineConfig(baseVoices, maxFormantLowering, maxFormantRaising, pitchTolerance));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EngineDescriptor describe() {
        String voices = baseVoices.values().stream().map(BaseVoice::description).collect(Collectors.joining(", "));
        return new EngineDescriptor(ID, ID, "offline", voices + ", " + ClonedVoice.FORMAT,
                "CPU", "cpu (" + Runtime.getRuntime().availableProcessors() + " cores)");
    }

    /**
     * Loads and measures every base voice (a calibration synthesis each), so the first job does not pay for it.
     * Safe to call repeatedly and from several threads.
     */
    public void warmUp() {
        calibrations();
    }

    /** Whether {@code conditioning} was written by this engine in a format it reads. */
    @Override
    public boolean canUse(SpeakerConditioning conditioning) {
        return conditioning.engine().equals(ID) && ClonedVoice.READABLE_FORMATS.contains(conditioning.version());
    }

    /** The base voices' measured properties, in configured order; measured once, on first use. */
    public List<BaseVoiceCalibration> calibrations() {
        List<BaseVoiceCalibration> current = calibrations;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (calibrations == null) {
                long start = System.nanoTime();
                calibrations = baseVoices.values().stream().map(OfflineVoiceEngine::calibrate).toList();
                LOG.info(() -> String.format("Offline voice engine ready in %d ms; base voices: %s",
                        (System.nanoTime() - start) / 1_000_000, calibrations));
            }
            return calibrations;
        }
    }

    private static BaseVoiceCalibration calibrate(BaseVoice voice) {
        voice.start();
        PcmAudio plain = Resampler.toRate(voice.synthesize(CALIBRATION_TEXT, ProsodyTargets.NEUTRAL), PcmAudio.MODEL_RATE);
        SpeakerProfile profile = SpeakerAnalyzer.analyze(plain);
        double mean = Arrays.stream(Statistics.positive(PitchTracker.track(plain))).average().orElse(profile.f0MedianHz());
        return new BaseVoiceCalibration(voice.name(), profile, mean);
    }

    /** Measures the references and stores their profile with the base voice closest to it. */
    @Override
    public SpeakerConditioning enroll(List<PcmAudio> references) {
        if (references == null || references.isEmpty()) {
            throw new EngineException("At least one reference recording is needed to clone a voice.", false);
        }
        List<SpeakerProfile> profiles = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            try {
                profiles.add(SpeakerAnalyzer.analyze(references.get(i)));
            } catch (IllegalArgumentException e) {
                throw new EngineException("Reference recording " + (i + 1) + " cannot be used: " + e.getMessage() + ".", false, e);
            }
        }
        SpeakerProfile profile = SpeakerAnalyzer.combine(profiles);
        String baseVoice = BaseVoiceSelector.closest(profile, calibrations()).voice();
        return new SpeakerConditioning(ID, ClonedVoice.FORMAT, new ClonedVoice(profile, baseVoice).toBytes());
    }

    /** The profile inside conditioning written by this engine in a format it reads. */
    public SpeakerProfile profileOf(SpeakerConditioning conditioning) {
        return clonedVoiceOf(conditioning).profile();
    }

    /**
     * The base voice {@code conditioning} is spoken with: the one chosen at enrolment, or, for conditioning of the first
     * format or naming a base voice this engine is not configured with, the closest of this engine's.
     */
    public String baseVoiceOf(SpeakerConditioning conditioning) {
        return baseVoiceFor(clonedVoiceOf(conditioning)).voice();
    }

    private ClonedVoice clonedVoiceOf(SpeakerConditioning conditioning) {
        if (!canUse(conditioning)) {
            throw new EngineException("This voice was prepared by the " + conditioning.engine() + " engine (format "
                    + conditioning.version() + "); the offline engine reads formats "
                    + String.join(" and ", ClonedVoice.READABLE_FORMATS) + ". Enrol the voice again to use it with this engine.", false);
        }
        try {
            return ClonedVoice.fromBytes(conditioning.data());
        } catch (IllegalArgumentException e) {
            throw new EngineException("The voice's stored analysis is damaged (" + e.getMessage() + "). Enrol the voice again.", false, e);
        }
    }

    private BaseVoiceCalibration baseVoiceFor(ClonedVoice voice) {
        List<BaseVoiceCalibration> known = calibrations();
        return known.stream().filter(c -> c.voice().equals(voice.baseVoice())).findFirst()
                .orElseGet(() -> BaseVoiceSelector.closest(voice.profile(), known));
    }

    @Override
    public void synthesize(SpeakerConditioning conditioning, String text, VoiceSettings settings, Consumer<AudioChunk> sink) {
        // Its base voices and text analysis are English: another language would come out as English sounds.
        settings.languageProblem(ID).ifPresent(problem -> {
            throw EngineException.refusedInput(problem.message(), null);
        });
        ClonedVoice voice = clonedVoiceOf(conditioning);
        SpeakerProfile target = voice.profile();
        List<String> sentences = text == null ? List.of() : SentenceSplitter.split(text);
        if (sentences.isEmpty()) {
            throw new EngineException("There is no text to speak: the text must contain at least one word.", false);
        }
        BaseVoiceCalibration base = baseVoiceFor(voice);
        BaseVoice speaker = baseVoices.get(base.voice());
        double formantFactor = ProsodyPlanner.formantFactor(target, base.profile(),
                speaker.maxFormantLowering(config.maxFormantLowering()), config.maxFormantRaising());
        double[] voiceSpectrum = voiceSpectrum(conditioning, target, base, formantFactor);
        Random random = settings.seed() != null ? new Random(settings.seed()) : new Random();
        ChunkStreamer streamer = new ChunkStreamer(settings.chunkSize(), sink);
        for (int i = 0; i < sentences.size(); i++) {
            ProsodyPlanner.Variation variation = ProsodyPlanner.Variation.draw(random, settings.temperature());
            float[] x = speak(sentences.get(i), target, base, formantFactor, settings, variation);
            x = VoiceMatcher.matchSpectrumAndLevel(x, voiceSpectrum, target, ProsodyPlanner.maxEqualizerGainDb(settings));
            streamer.add(x, i == sentences.size() - 1);
        }
    }

    /** One sentence from the base voice at the target pitch, tempo and vocal-tract length, before equalisation. */
    private float[] speak(String sentence, SpeakerProfile target, BaseVoiceCalibration base, double formantFactor,
                          VoiceSettings settings, ProsodyPlanner.Variation variation) {
        ProsodyTargets prosody = ProsodyPlanner.forBaseVoice(target, base, formantFactor, settings, variation);
        float[] x = VoiceMatcher.scaleVocalTract(baseVoices.get(base.voice()).synthesize(sentence, prosody), formantFactor);
        return VoiceMatcher.correctPitch(x, ProsodyPlanner.targetMedianHz(target, variation), config.pitchTolerance());
    }

    /**
     * The long-term spectrum the base voice has when speaking as this target, before equalisation: measured once per
     * voice on the calibration text (the voice's data names its base voice or, in the first format, always gets the same
     * one). Equalising every sentence against this one long-term measurement, rather than
     * against each sentence's own spectrum, keeps the differences between sounds (an "s" stays brighter than an "o").
     */
    private double[] voiceSpectrum(SpeakerConditioning conditioning, SpeakerProfile target, BaseVoiceCalibration base,
                                   double formantFactor) {
        ByteBuffer key = ByteBuffer.wrap(conditioning.data().clone());
        synchronized (voiceSpectra) {
            double[] known = voiceSpectra.get(key);
            if (known != null) {
                return known;
            }
        }
        double[] measured = VoiceMatcher.spectrumShape(speak(CALIBRATION_TEXT, target, base, formantFactor,
                VoiceSettings.defaults(), ProsodyPlanner.Variation.NONE));
        synchronized (voiceSpectra) {
            voiceSpectra.put(key, measured);
        }
        return measured;
    }

    /**
     * Pitch contour mapped onto the reference (level, and range scaled by exaggeration) and vocal-tract length scaled,
     * timing kept; then the same equaliser and level matching as synthesis. Temperature and seed do not apply.
     */
    @Override
    public PcmAudio convert(SpeakerConditioning conditioning, PcmAudio source, VoiceSettings settings) {
        SpeakerProfile target = profileOf(conditioning);
        PcmAudio input = Resampler.toRate(source, PcmAudio.MODEL_RATE);
        SpeakerProfile sourceProfile;
        try {
            sourceProfile = SpeakerAnalyzer.analyze(input);
        } catch (IllegalArgumentException e) {
            throw new EngineException("The recording to convert cannot be used: " + e.getMessage() + ".", false, e);
        }
        double formantFactor = ProsodyPlanner.formantFactor(target, sourceProfile, conversionLowering(sourceProfile),
                config.maxFormantRaising());
        double[] f0 = PitchTracker.track(input);
        double[] factors = VoiceMatcher.pitchFactors(f0, sourceProfile, target, ProsodyPlanner.rangeFactor(settings));
        for (int i = 0; i < factors.length; i++) {
            factors[i] /= formantFactor; // the resampling below multiplies pitch by the formant factor
        }
        float[] y = Psola.modify(input.samples(), PcmAudio.MODEL_RATE, f0, factors, formantFactor);
        y = VoiceMatcher.scaleVocalTract(new PcmAudio(y, PcmAudio.MODEL_RATE), formantFactor);
        y = VoiceMatcher.matchSpectrumAndLevel(y, null, target, ProsodyPlanner.maxEqualizerGainDb(settings));
        return new PcmAudio(y, PcmAudio.MODEL_RATE);
    }

    /**
     * How far a recording's formants may be lowered: not below those of the base voice with the longest vocal tract
     * (the male voice), for the reason that voice itself is never lowered (lower measured formants mostly reflect what
     * was said), and never more than configured.
     */
    private double conversionLowering(SpeakerProfile source) {
        double lowest = calibrations().stream().mapToDouble(c -> ProsodyPlanner.formantRatio(c.profile(), source)).min().orElse(1);
        return Math.max(0, Math.min(config.maxFormantLowering(), 1 - lowest));
    }

    /**
     * The named base voice's own speech, at its own sample rate, without prosody targets or conversion: the baseline
     * for quality and speed measurements.
     */
    public PcmAudio synthesizeWithBaseVoice(String voice, String text) {
        BaseVoice baseVoice = baseVoices.get(voice);
        if (baseVoice == null) {
            throw new IllegalArgumentException("no base voice " + voice + "; configured: " + baseVoices.keySet());
        }
        return baseVoice.synthesize(text, ProsodyTargets.NEUTRAL);
    }
}
