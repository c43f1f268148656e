package com.voxclone.voice.boundary;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.messaging.entity.Destinations;
import com.voxclone.messaging.entity.SpeechReply;
import com.voxclone.messaging.entity.SpeechRequest;
import com.voxclone.platform.boundary.Platform;
import com.voxclone.quota.boundary.Quotas;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks a worker to speak, over the synthesis queue, and collects the reply. The web tier never runs an engine.
 * Must be called outside a transaction (the request has to leave before the reply can come).
 */
@ApplicationScoped
public class SpeechClient {

    @Resource(lookup = Platform.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    Quotas quotas;

    @Inject
    @ConfigProperty(name = "voxclone.synthesis.timeout-seconds", defaultValue = "90")
    int timeoutSeconds;

    /**
     * {@code text} spoken with the voice of {@code userId}, who the worker checks the voice against, by a worker
     * holding {@code model}.
     */
    public PcmAudio speak(UUID userId, String voiceId, String model, String text, VoiceSettings settings) {
        return ask(new SpeechRequest.Speak(userId, voiceId, text, settings, model));
    }

    /** The recording {@code source} (24 kHz mono) re-spoken in the voice of {@code userId} with {@code model}. */
    public PcmAudio convert(UUID userId, String voiceId, String model, PcmAudio source, VoiceSettings settings) {
        return ask(new SpeechRequest.Convert(userId, voiceId, source, settings, model));
    }

    private PcmAudio ask(SpeechRequest speechRequest) {
        // Refused here when the day's allowance is used up, without a trip to a worker; the worker checks again.
        quotas.requireSynthesisAllowance(speechRequest.userId());
        try (JMSContext jms = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            Message request = speechRequest.toMessage(jms);
            request.setJMSReplyTo(replies);
            try (JMSConsumer consumer = jms.createConsumer(replies)) {
                jms.createProducer().setTimeToLive(Duration.ofSeconds(timeoutSeconds).toMillis())
                        .send(jms.createQueue(Destinations.SYNTHESIS), request);
                return collect(consumer);
            }
        } catch (JMSException e) {
            throw new SpeechFailedException(SpeechFailedException.Kind.UNAVAILABLE,
                    "The message broker could not take the synthesis request: " + e.getMessage());
        }
    }

    private PcmAudio collect(JMSConsumer consumer) throws JMSException {
        List<PcmAudio> parts = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        int expected = 0;
        while (true) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            Message m = left <= 0 ? null : consumer.receive(left);
            if (m == null) {
                throw new SpeechFailedException(SpeechFailedException.Kind.TIMEOUT,
                        "No worker answered within " + timeoutSeconds + " s. Check that a worker is running (GET /health/ready) and try again.");
            }
            SpeechReply reply = SpeechReply.from(m);
            if (reply instanceof SpeechReply.Failure f) {
                throw new SpeechFailedException(SpeechFailedException.Kind.of(f.code()), f.text());
            }
            SpeechReply.Chunk chunk = (SpeechReply.Chunk) reply;
            if (chunk.sequence() != expected++) {
                throw new SpeechFailedException(SpeechFailedException.Kind.ENGINE, "audio chunk " + chunk.sequence() + " arrived out of order");
            }
            parts.add(chunk.audio());
            if (chunk.last()) {
                return PcmAudio.concat(parts, PcmAudio.MODEL_RATE);
            }
        }
    }
}
