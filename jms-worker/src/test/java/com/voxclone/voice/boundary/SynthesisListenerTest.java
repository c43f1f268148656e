package com.voxclone.voice.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.messaging.entity.SpeechReply;
import com.voxclone.messaging.entity.SpeechRequest;
import com.voxclone.quota.boundary.QuotaExceededException;
import com.voxclone.quota.entity.Quota;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

/**
 * A synthesis request over JMS is refused for the same reasons as over HTTP, with the reply code the requester acts
 * on: no user named, not the user's voice, a deactivated voice, a text over the limit, a used-up daily allowance.
 */
class SynthesisListenerTest {

    private final SynthesisListener listener = new SynthesisListener();
    private final Destination replyTo = mock(Destination.class);
    private final JMSProducer producer = mock(JMSProducer.class);
    private final Map<String, String> errors = new HashMap<>();

    @BeforeEach
    void collaborators() throws Exception {
        listener.speech = mock(SpeechService.class);
        listener.jms = mock(JMSContext.class);
        when(listener.jms.createProducer()).thenReturn(producer);
        when(listener.jms.createTextMessage(anyString())).thenAnswer(i -> {
            TextMessage m = mock(TextMessage.class);
            when(m.getText()).thenReturn(i.getArgument(0));
            Mockito.doAnswer(a -> errors.put(a.getArgument(1), i.getArgument(0)))
                    .when(m).setStringProperty(ArgumentMatchers.eq(SpeechReply.ERROR), anyString());
            return m;
        });
    }

    private MapMessage speak(UUID userId, String voiceId, String text) throws Exception {
        MapMessage m = mock(MapMessage.class);
        when(m.getJMSReplyTo()).thenReturn(replyTo);
        when(m.getJMSMessageID()).thenReturn("ID:1");
        when(m.getString(SpeechRequest.USER_ID)).thenReturn(userId == null ? null : userId.toString());
        when(m.getString(SpeechRequest.VOICE_ID)).thenReturn(voiceId);
        when(m.getString(SpeechRequest.TEXT)).thenReturn(text);
        when(m.getString(SpeechRequest.SETTINGS)).thenReturn(VoiceSettings.defaults().toJsonString());
        return m;
    }

    private String onlyErrorCode() {
        ArgumentCaptor<Message> sent = ArgumentCaptor.forClass(Message.class);
        verify(producer).send(ArgumentMatchers.eq(replyTo), sent.capture());
        assertEquals(1, errors.size(), errors.toString());
        return errors.keySet().iterator().next();
    }

    @Test
    void aRequestThatNamesNoUserIsRefused() throws Exception {
        listener.onMessage(speak(null, "voice_1", "Hello."));

        assertEquals(SpeechReply.INVALID_REQUEST, onlyErrorCode());
        verify(listener.speech, never()).speak(any(), any(), any(), any(), any());
    }

    @Test
    void aDeactivatedVoiceIsRefusedAsInactive() throws Exception {
        UUID user = UUID.randomUUID();
        doThrow(new VoiceInactiveException("voice_1")).when(listener.speech).speak(any(), any(), any(), any(), any());

        listener.onMessage(speak(user, "voice_1", "Hello."));

        assertEquals(SpeechReply.VOICE_INACTIVE, onlyErrorCode());
    }

    @Test
    void anotherUsersVoiceIsNotFound() throws Exception {
        doThrow(new VoiceNotFoundException("voice_1")).when(listener.speech).speak(any(), any(), any(), any(), any());

        listener.onMessage(speak(UUID.randomUUID(), "voice_1", "Hello."));

        assertEquals(SpeechReply.VOICE_NOT_FOUND, onlyErrorCode());
    }

    @Test
    void aUsedUpDailyAllowanceIsRefusedAsQuotaExceeded() throws Exception {
        doThrow(new QuotaExceededException(Quota.SYNTHESIS_SECONDS_PER_DAY, 60, 60, "used up"))
                .when(listener.speech).speak(any(), any(), any(), any(), any());

        listener.onMessage(speak(UUID.randomUUID(), "voice_1", "Hello."));

        assertEquals(SpeechReply.QUOTA_EXCEEDED, onlyErrorCode());
    }

    @Test
    void unreadableSettingsAreAnInvalidRequestNotAnEngineFailure() throws Exception {
        MapMessage m = speak(UUID.randomUUID(), "voice_1", "Hello.");
        when(m.getString(SpeechRequest.SETTINGS)).thenReturn("{not json");

        listener.onMessage(m);

        assertEquals(SpeechReply.INVALID_REQUEST, onlyErrorCode());
    }

    @Test
    void aTextTheEngineRefusesAsWrittenIsAnInvalidRequestAndAFailingEngineAnEngineFailure() throws Exception {
        doThrow(EngineException.refusedInput("Chatterbox Turbo does not know the tag [yodel]", null))
                .when(listener.speech).speak(any(), any(), any(), any(), any());
        listener.onMessage(speak(UUID.randomUUID(), "voice_1", "Hello [yodel]."));
        assertEquals(SpeechReply.INVALID_REQUEST, onlyErrorCode());

        errors.clear();
        Mockito.reset(producer);
        doThrow(new EngineException("device lost", false)).when(listener.speech).speak(any(), any(), any(), any(), any());
        listener.onMessage(speak(UUID.randomUUID(), "voice_1", "Hello."));
        assertEquals(SpeechReply.ENGINE_FAILED, onlyErrorCode());
    }
}
