package com.voxclone.voice.boundary;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.audio.entity.AudioChunk;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.messaging.entity.Destinations;
import com.voxclone.platform.boundary.Platform;
import com.voxclone.messaging.entity.SpeechMessages;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers synthesis requests (see {@link SpeechMessages} for the protocol). Audio chunks are sent to the
 * requester as the engine produces them, outside any transaction, so the first audio leaves before the last is made.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.SYNTHESIS),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
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
            if (replyTo == null || !(message instanceof MapMessage || message instanceof BytesMessage)) {
                LOG.warning("Synthesis request without JMSReplyTo, or neither a MapMessage nor a BytesMessage; ignored.");
                return;
            }
            String correlation = message.getJMSMessageID();
            try {
                if (message instanceof BytesMessage convert) {
                    byte[] pcm = new byte[(int) convert.getBodyLength()];
                    convert.readBytes(pcm);
                    var converted = speech.convert(convert.getStringProperty(SpeechMessages.VOICE_ID),
                            new PcmAudio(SpeechMessages.fromPcm16(pcm), PcmAudio.MODEL_RATE),
                            VoiceSettings.fromJson(convert.getStringProperty(SpeechMessages.SETTINGS)));
                    reply(replyTo, correlation, new AudioChunk(0, converted, true), 0);
                    return;
                }
                MapMessage request = (MapMessage) message;
                int[] sequence = {0};
                speech.speak(request.getString(SpeechMessages.VOICE_ID), request.getString(SpeechMessages.TEXT),
                        VoiceSettings.fromJson(request.getString(SpeechMessages.SETTINGS)),
                        chunk -> reply(replyTo, correlation, chunk, sequence[0]++));
            } catch (VoiceNotFoundException e) {
                error(replyTo, correlation, "voice_not_found", e.getMessage());
            } catch (RuntimeException e) {
                Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof VoiceNotFoundException) {
                    error(replyTo, correlation, "voice_not_found", cause.getMessage());
                } else {
                    LOG.log(Level.WARNING, "Synthesis failed", cause);
                    error(replyTo, correlation, "engine_failed", "The voice engine could not speak this text: " + cause.getMessage());
                }
            }
        } catch (JMSException e) {
            LOG.log(Level.WARNING, "Could not answer a synthesis request", e);
        }
    }

    private void reply(Destination to, String correlation, AudioChunk chunk, int sequence) {
        try {
            BytesMessage m = jms.createBytesMessage();
            m.writeBytes(SpeechMessages.toPcm16(chunk.audio()));
            m.setIntProperty(SpeechMessages.SEQUENCE, sequence);
            m.setBooleanProperty(SpeechMessages.LAST, chunk.last());
            m.setIntProperty(SpeechMessages.SAMPLE_RATE, chunk.audio().sampleRate());
            m.setJMSCorrelationID(correlation);
            jms.createProducer().send(to, m);
        } catch (JMSException e) {
            throw new IllegalStateException("could not send audio to the requester", e);
        }
    }

    private void error(Destination to, String correlation, String code, String text) throws JMSException {
        TextMessage m = jms.createTextMessage(text);
        m.setStringProperty(SpeechMessages.ERROR, code);
        m.setJMSCorrelationID(correlation);
        jms.createProducer().send(to, m);
    }
}
