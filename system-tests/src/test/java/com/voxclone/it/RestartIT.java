package com.voxclone.it;

import static com.voxclone.it.Api.ONBOARDING;
import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ctrl-C stops everything in order, and the next start finds all data again. Runs last: it restarts the shared stack. */
@ExtendWith(SharedStack.class)
@Order(100)
class RestartIT {

    @Test
    void dataSurvivesACleanRestart() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Persistent");
        var accepted = api.upload(key, Map.of("voiceName", "Kept", "testText", "Still here after a restart."),
                Media.file("kept", MediaType.WAV, Media.speech()));
        String jobId = json(accepted).getString("jobId");
        String voiceId = api.awaitFinished(key, jobId, Duration.ofMinutes(3)).getString("voiceId");
        String ownerId = json(api.get("/api/public/account", key)).getString("userId");
        JsonObject account = json(api.postJson("/api/admin/jms-clients", VoxCloneStack.ADMIN_KEY,
                "{\"name\":\"Kept system\",\"userId\":\"" + ownerId + "\"}"));

        VoxCloneStack stack = SharedStack.stack();
        stack.stop();
        assertFalse(stack.running());
        String log = stack.logText();
        int server = log.indexOf("stopping the application server");
        int broker = log.indexOf("stopping the message broker");
        int database = log.indexOf("stopping the database");
        assertTrue(server >= 0 && server < broker && broker < database, "shutdown order must be server, broker, database");
        assertTrue(log.contains("VoxClone: stopped."), "the shutdown did not finish cleanly");
        stack.start();

        assertEquals("completed", json(api.get(ONBOARDING + "/jobs/" + jobId + "/status", key)).getString("status"));
        assertEquals("Kept", json(api.get("/api/public/voice/voices/" + voiceId, key)).getString("voiceName"));
        assertEquals(200, api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key, "{\"text\":\"Back again.\"}", null).statusCode());
        assertTrue(stack.logText().matches("(?s).*Database schema at version \\d+ \\(0 migrations applied now\\).*"),
                "the second start should find the schema already in place");
        // The broker keeps integration accounts, their permissions and reply queues in its journal.
        try (var factory = new ActiveMQConnectionFactory(account.getString("brokerUrl"), account.getString("username"),
                account.getString("password")); JMSContext jms = factory.createContext()) {
            Queue replies = jms.createQueue(account.getString("replyQueue"));
            TextMessage speak = jms.createTextMessage("{\"model\":\"voxclone\",\"input\":\"Still here.\",\"voice\":\""
                    + voiceId + "\"}");
            speak.setStringProperty("request", "speech");
            speak.setJMSReplyTo(replies);
            jms.createProducer().send(jms.createQueue("voxclone.requests"), speak);
            Message reply = jms.createConsumer(replies).receive(60_000);
            assertEquals(200, reply.getIntProperty("status"), String.valueOf(reply));
        }
    }
}
