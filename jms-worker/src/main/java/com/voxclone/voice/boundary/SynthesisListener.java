package com.voxclone.voice.boundary;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.messaging.entity.Destinations;
import com.voxclone.messaging.entity.MessageContract;
import com.voxclone.messaging.entity.SpeechReply;
import com.voxclone.messaging.entity.SpeechRequest;
import com.voxclone.platform.boundary.InvalidInputException;
import com.voxclone.platform.boundary.Platform;
import com.voxclone.platform.entity.Violation;
import com.voxclone.quota.boundary.QuotaExceededException;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers synthesis requests (see {@link SpeechRequest} and {@link SpeechReply} for the protocol). Audio chunks are sent to the
 * requester as the engine produces them, outside any transaction, so the first audio leaves before the last is made.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.SYNTHESIS),
        // Only messages for the model this node holds (and those naming none); set by the launcher before deployment.
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = MessageContract.WORKER_SELECTOR),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = MessageContract.WORKER_SESSIONS)
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SynthesisListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(SynthesisListener.class.getName());

    @Inject
    SpeechService speech;

    @Inject
    @JMSConnectionFactory(Platform.CONNECTION_FACTORY)
    JMSContext jms;

    @Override
    public void onMessage(Message message) {
        try {
            Destination replyTo = message.getJMSReplyTo();
            if (replyTo == null) {
                LOG.warning("Synthesis request without JMSReplyTo; ignored: there is nobody to answer.");
                return;
            }
            String correlation = message.getJMSMessageID();
            Consumer<SpeechReply> reply = r -> send(replyTo, r.toMessage(jms, correlation));
            try {
                Optional<SpeechRequest> request = SpeechRequest.from(message);
                if (request.isEmpty()) {
                    LOG.warning("Synthesis request that is neither a MapMessage nor a BytesMessage, or of a newer contract version; ignored.");
                    return;
                }
                answer(request.get(), reply::accept);
            } catch (RuntimeException e) {
                reply.accept(failure(e));
            }
        } catch (JMSException e) {
            LOG.log(Level.WARNING, "Could not answer a synthesis request", e);
        }
    }

    /** Why no audio comes, with the code the requester acts on: the same refusals as on the web tier. */
    private static SpeechReply.Failure failure(RuntimeException e) {
        Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof VoiceNotFoundException) {
            return new SpeechReply.Failure(SpeechReply.VOICE_NOT_FOUND, cause.getMessage());
        }
        if (cause instanceof VoiceInactiveException) {
            return new SpeechReply.Failure(SpeechReply.VOICE_INACTIVE, cause.getMessage());
        }
        if (cause instanceof InvalidInputException || cause instanceof EngineException engine && engine.refusedInput()) {
            return new SpeechReply.Failure(SpeechReply.INVALID_REQUEST, cause.getMessage());
        }
        if (cause instanceof QuotaExceededException) {
            return new SpeechReply.Failure(SpeechReply.QUOTA_EXCEEDED, cause.getMessage());
        }
        LOG.log(Level.WARNING, "Synthesis failed", cause);
        return new SpeechReply.Failure(SpeechReply.ENGINE_FAILED, "The voice engine could not speak this text: " + cause.getMessage());
    }

    /** Speaks or converts, handing each piece of audio to {@code replies} as soon as it is final. */
    private void answer(SpeechRequest request, Consumer<SpeechReply.Chunk> replies) {
        if (request.userId() == null) {
            throw new InvalidInputException(List.of(new Violation(SpeechRequest.USER_ID,
                    "A synthesis request must name the user it speaks for in '" + SpeechRequest.USER_ID + "'.")));
        }
        if (request instanceof SpeechRequest.Convert convert) {
            PcmAudio converted = speech.convert(convert.userId(), convert.voiceId(), convert.source(), convert.settings());
            replies.accept(new SpeechReply.Chunk(0, converted, true));
            return;
        }
        SpeechRequest.Speak speak = (SpeechRequest.Speak) request;
        int[] sequence = {0};
        speech.speak(speak.userId(), speak.voiceId(), speak.text(), speak.settings(),
                chunk -> replies.accept(new SpeechReply.Chunk(sequence[0]++, chunk.audio(), chunk.last())));
    }

    private void send(Destination to, Message reply) {
        jms.createProducer().send(to, reply);
    }
}
