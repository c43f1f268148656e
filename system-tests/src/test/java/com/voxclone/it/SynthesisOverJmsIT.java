package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An enterprise system asks a worker to speak over JMS, as the README's contract describes, and is held to the same
 * rules as the web tier: the request names its user, the voice must be that user's and active, the text within the
 * limit.
 */
@ExtendWith(SharedStack.class)
@Order(7)
class SynthesisOverJmsIT {

    static String owner;
    static String voiceId;
    static Api api;
    static String key;

    @BeforeAll
    static void voice() throws Exception {
        api = SharedStack.api();
        key = api.createUser("Speaks over JMS");
        owner = json(api.get("/api/public/account", key)).getString("userId");
        var accepted = api.upload(key, Map.of("voiceName", "Bus voice"), Media.file("bus", MediaType.WAV, Media.speech()));
        JsonObject done = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3));
        assertEquals("completed", done.getString("status"), done.toString());
        voiceId = done.getString("voiceId");
    }

    @Test
    void theOwnerHearsTheVoice() throws Exception {
        Message reply = ask(owner, voiceId, "Hello from the bus.");
        assertTrue(reply instanceof BytesMessage, "expected audio, got " + reply);
        assertTrue(((BytesMessage) reply).getBodyLength() > 0);
    }

    @Test
    void aRequestWithoutAUserIsRefused() throws Exception {
        assertEquals("invalid_request", errorOf(ask(null, voiceId, "Hello.")));
    }

    @Test
    void anotherUsersVoiceIsNotFound() throws Exception {
        assertEquals("voice_not_found", errorOf(ask(UUID.randomUUID().toString(), voiceId, "Hello.")));
    }

    @Test
    void aTextOverTheLimitIsRefused() throws Exception {
        assertEquals("invalid_request", errorOf(ask(owner, voiceId, "x".repeat(501))));
    }

    @Test
    void aDeactivatedVoiceDoesNotSpeak() throws Exception {
        assertEquals(200, api.patchJson("/api/public/voice/voices/" + voiceId, key, "{\"isActive\":false}").statusCode());
        try {
            assertEquals("voice_inactive", errorOf(ask(owner, voiceId, "Hello.")));
        } finally {
            assertEquals(200, api.patchJson("/api/public/voice/voices/" + voiceId, key, "{\"isActive\":true}").statusCode());
        }
    }

    @Test
    void aUsedUpDailyAllowanceIsRefusedAsOverHttp() throws Exception {
        String quotas = "/api/admin/users/" + owner + "/quotas";
        assertEquals(200, api.putJson(quotas, VoxCloneStack.ADMIN_KEY, "{\"synthesisSecondsPerDay\":0}").statusCode());
        try {
            assertEquals("quota_exceeded", errorOf(ask(owner, voiceId, "Hello.")));
        } finally {
            assertEquals(200, api.putJson(quotas, VoxCloneStack.ADMIN_KEY, "{\"synthesisSecondsPerDay\":null}").statusCode());
        }
    }

    /** The first reply to a speak request, sent as the README's JMS section describes. */
    private static Message ask(String userId, String voice, String text) throws Exception {
        try (var factory = SharedStack.stack().jmsConnectionFactory(); JMSContext jms = factory.createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            MapMessage request = jms.createMapMessage();
            if (userId != null) {
                request.setString("userId", userId);
            }
            request.setString("voiceId", voice);
            request.setString("text", text);
            request.setString("settings", "{}");
            request.setJMSReplyTo(replies);
            try (JMSConsumer consumer = jms.createConsumer(replies)) {
                jms.createProducer().send(jms.createQueue("voxclone.synthesis"), request);
                Message reply = consumer.receive(Duration.ofSeconds(90).toMillis());
                assertTrue(reply != null, "no reply within 90 s");
                return reply;
            }
        }
    }

    private static String errorOf(Message reply) throws Exception {
        assertTrue(reply instanceof TextMessage, "expected a refusal, got " + reply);
        return reply.getStringProperty("error");
    }
}
