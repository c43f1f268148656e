package com.voxclone.voice.boundary;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.messaging.entity.Destinations;
import com.voxclone.platform.boundary.Platform;
import com.voxclone.messaging.entity.SpeechMessages;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;

/**
 * Asks a worker to speak, over the synthesis queue, and collects the reply. The web tier never runs an engine.
 * Must be called outside a transaction (the request has to leave before the reply can come).
 */
@ApplicationScoped
public class SpeechClient {

    @Resource(lookup = Platform.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    @ConfigProperty(name = "voxclone.synthesis.timeout-seconds", defaultValue = "90")
    int timeoutSeconds;

    public PcmAudio speak(String voiceId, String text, VoiceSettings settings) {
        return ask(jms -> {
            MapMessage request = jms.createMapMessage();
            request.setString(SpeechMessages.VOICE_ID, voiceId);
            request.setString(SpeechMessages.TEXT, text);
            request.setString(SpeechMessages.SETTINGS, settings.toJsonString());
            return request;
        });
    }

    /** The recording {@code source} (24 kHz mono) re-spoken in the voice. */
    public PcmAudio convert(String voiceId, PcmAudio source, VoiceSettings settings) {
        return ask(jms -> {
            BytesMessage request = jms.createBytesMessage();
            request.writeBytes(SpeechMessages.toPcm16(source));
            request.setStringProperty(SpeechMessages.VOICE_ID, voiceId);
            request.setStringProperty(SpeechMessages.SETTINGS, settings.toJsonString());
            request.setStringProperty(SpeechMessages.OPERATION, SpeechMessages.CONVERT);
            return request;
        });
    }

    /** Builds a request message. */
    @FunctionalInterface
    private interface Request {
        Message build(JMSContext jms) throws JMSException;
    }

    private PcmAudio ask(Request build) {
        try (JMSContext jms = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            Message request = build.build(jms);
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
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        int expected = 0;
        while (true) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            Message m = left <= 0 ? null : consumer.receive(left);
            if (m == null) {
                throw new SpeechFailedException(SpeechFailedException.Kind.TIMEOUT,
                        "No worker answered within " + timeoutSeconds + " s. Check that a worker is running (GET /health/ready) and try again.");
            }
            if (m instanceof TextMessage t && t.propertyExists(SpeechMessages.ERROR)) {
                String code = t.getStringProperty(SpeechMessages.ERROR);
                throw new SpeechFailedException("voice_not_found".equals(code)
                        ? SpeechFailedException.Kind.NOT_FOUND : SpeechFailedException.Kind.ENGINE, t.getText());
            }
            BytesMessage chunk = (BytesMessage) m;
            int seq = chunk.getIntProperty(SpeechMessages.SEQUENCE);
            if (seq != expected++) {
                throw new SpeechFailedException(SpeechFailedException.Kind.ENGINE, "audio chunk " + seq + " arrived out of order");
            }
            byte[] body = new byte[(int) chunk.getBodyLength()];
            chunk.readBytes(body);
            pcm.writeBytes(body);
            if (chunk.getBooleanProperty(SpeechMessages.LAST)) {
                return new PcmAudio(SpeechMessages.fromPcm16(pcm.toByteArray()), PcmAudio.MODEL_RATE);
            }
        }
    }
}
