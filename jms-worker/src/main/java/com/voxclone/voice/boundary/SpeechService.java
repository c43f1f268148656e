package com.voxclone.voice.boundary;

import com.voxclone.audio.entity.AudioChunk;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.VoiceEngine;
import com.voxclone.engine.boundary.VoiceEngines;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.quota.boundary.Quotas;
import com.voxclone.voice.entity.VoiceProfile;
import com.voxclone.voice.entity.VoiceSample;
import com.voxclone.worker.boundary.WorkerRegistry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Speaking with a cloned voice, on a worker. Uses the conditioning cached on the profile; when the active engine
 * cannot use it (the voice was cloned by another engine or an older model), the voice is enrolled again from its
 * stored references and the new conditioning replaces the old.
 */
@Stateless
// No transaction around synthesis: audio chunks sent by the caller's sink must leave at once, not at commit.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SpeechService {

    private static final Logger LOG = Logger.getLogger(SpeechService.class.getName());

    @Inject
    VoiceService voices;

    @Inject
    VoiceEngines engines;

    @Inject
    ReferenceAudio referenceAudio;

    @Inject
    Quotas quotas;

    @Inject
    SynthesisMetrics metrics;

    @Inject
    WorkerRegistry workers;

    /**
     * Speaks {@code text} with the voice of {@code userId}, checked as on the web tier (owner, state, text limit, daily
     * synthesis quota). The speech produced counts against the quota, also when the requester stops listening.
     */
    public void speak(UUID userId, String voiceId, String text, VoiceSettings settings, Consumer<AudioChunk> sink) {
        VoiceProfile voice = voices.speakable(userId, voiceId, text);
        quotas.requireSynthesisAllowance(userId);
        VoiceEngine engine = engines.active();
        long[] producedMillis = {0};
        long started = System.nanoTime();
        try {
            engine.synthesize(conditioningFor(voice, engine), text, settings, chunk -> {
                producedMillis[0] += chunk.audio().durationMillis();
                sink.accept(chunk);
            });
            metrics.spoken(engine.id(), "speak", System.nanoTime() - started, producedMillis[0]);
        } finally {
            quotas.recordSynthesis(userId, producedMillis[0]);
        }
    }

    /** Re-speaks {@code source} in the voice, keeping its words and timing; counted like speech. */
    public PcmAudio convert(UUID userId, String voiceId, PcmAudio source, VoiceSettings settings) {
        VoiceProfile voice = voices.speakable(userId, voiceId);
        quotas.requireSynthesisAllowance(userId);
        VoiceEngine engine = engines.active();
        long started = System.nanoTime();
        PcmAudio converted = engine.convert(conditioningFor(voice, engine), source, settings);
        metrics.spoken(engine.id(), "convert", System.nanoTime() - started, converted.durationMillis());
        quotas.recordSynthesis(userId, converted.durationMillis());
        return converted;
    }

    /**
     * The voice's stored conditioning, or a fresh enrolment from its references. A fresh one replaces the stored one
     * when made by the voice's own model (a newer release of it, say) or when no worker holds the voice's model any
     * more (the installation moved to another); a voice spoken with another model for one request keeps its own.
     */
    private SpeakerConditioning conditioningFor(VoiceProfile voice, VoiceEngine engine) {
        var cached = voice.conditioning();
        if (cached.isPresent() && engine.canUse(cached.get())) {
            return cached.get();
        }
        String model = engine.describe().modelId();
        LOG.info(() -> "Enrolling voice " + voice.getVoiceId() + " (model " + voice.getModel() + ") again for model " + model);
        List<PcmAudio> references = voices.samples(voice.getId()).stream()
                .map(VoiceSample::getReferenceAssetId).filter(Objects::nonNull)
                .map(referenceAudio::readWav).toList();
        if (references.isEmpty()) {
            throw new IllegalStateException("voice " + voice.getVoiceId() + " has no stored reference to enrol from");
        }
        SpeakerConditioning fresh = engine.enroll(references);
        if (model.equals(voice.getModel()) || !workers.modelsOnOffer().contains(voice.getModel())) {
            voices.replaceConditioning(voice.getVoiceId(), fresh);
        }
        return fresh;
    }
}
