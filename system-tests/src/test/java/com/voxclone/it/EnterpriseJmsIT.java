package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An enterprise system on the message bus, as the README's example client: its own broker account created by an
 * administrator, requests on voxclone.requests, replies on its reply queue, its owner's job events on its status
 * topic; held to the rules of its owner's HTTP calls, and refused everything else. A plain Jakarta Messaging client in
 * this JVM, outside the application server, over the broker's TCP acceptor.
 */
@ExtendWith(SharedStack.class)
@Order(16)
class EnterpriseJmsIT {

    static Api api;
    static String ownerKey;
    static String ownerId;
    static JsonObject account;
    static String otherUsersVoice;
    static byte[] recording;

    @BeforeAll
    static void accounts() throws Exception {
        api = SharedStack.api();
        ownerKey = api.createUser("Enterprise system owner");
        ownerId = json(api.get("/api/public/account", ownerKey)).getString("userId");
        String otherKey = api.createUser("Someone else");
        recording = Files.readAllBytes(Media.file("enterprise", MediaType.WAV, Media.speech()));
        var other = api.upload(otherKey, Map.of("voiceName", "Not yours"), recording, "not-yours.wav");
        JsonObject done = api.awaitFinished(otherKey, json(other).getString("jobId"), Duration.ofMinutes(3));
        otherUsersVoice = done.getString("voiceId");

        HttpResponse<String> created = api.postJson("/api/admin/jms-clients", VoxCloneStack.ADMIN_KEY,
                "{\"name\":\"Billing system\",\"userId\":\"" + ownerId + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        account = json(created);
    }

    @Test
    void onlyAdministratorsCreateAccountsAndPasswordsAreShownOnce() throws Exception {
        assertEquals(403, api.postJson("/api/admin/jms-clients", ownerKey,
                "{\"name\":\"Mine\",\"userId\":\"" + ownerId + "\"}").statusCode());
        HttpResponse<String> invalid = api.postJson("/api/admin/jms-clients", VoxCloneStack.ADMIN_KEY, "{\"name\":\"\"}");
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("userId"), invalid.body());
        assertEquals("voxclone.requests", account.getString("requestQueue"));
        assertEquals("voxclone.job-status." + ownerId, account.getString("statusTopic"));
        assertTrue(account.getString("brokerUrl").startsWith("tcp://"), account.toString());
        String listed = api.get("/api/admin/jms-clients", VoxCloneStack.ADMIN_KEY).body();
        assertTrue(listed.contains(account.getString("username")), listed);
        assertFalse(listed.contains(account.getString("password")), "the password is shown only when created");
    }

    @Test
    void aRecordingIsClonedThenTheVoiceSpeaksAndTheStatusTopicFollowsTheJob() throws Exception {
        try (var factory = clientFactory(account); JMSContext jms = factory.createContext()) {
            Queue replies = jms.createQueue(account.getString("replyQueue"));
            JMSConsumer events = jms.createConsumer(jms.createTopic(account.getString("statusTopic")));
            try (JMSConsumer answers = jms.createConsumer(replies)) {
                BytesMessage clone = jms.createBytesMessage();
                clone.writeBytes(recording);
                clone.setStringProperty("request", "clone");
                clone.setStringProperty("voiceName", "Bus clone");
                clone.setJMSReplyTo(replies);
                clone.setJMSCorrelationID("order-4711");
                jms.createProducer().send(jms.createQueue("voxclone.requests"), clone);
                Message accepted = answers.receive(60_000);
                assertNotNull(accepted, "no reply to the clone request");
                assertEquals(202, accepted.getIntProperty("status"), accepted.getBody(String.class));
                assertEquals("order-4711", accepted.getJMSCorrelationID());
                String jobId = Api.parseStructure(accepted.getBody(String.class)).asJsonObject().getString("jobId");

                String voiceId = awaitCompleted(events, jobId);
                assertEquals(voiceId, json(api.get("/api/public/voice/onboarding/jobs/" + jobId + "/status", ownerKey)).getString("voiceId"),
                        "the job is the owner's, visible over HTTP too");

                TextMessage speak = jms.createTextMessage("{\"model\":\"voxclone\",\"input\":\"Hello from the message bus.\",\"voice\":\"" + voiceId
                        + "\",\"response_format\":\"wav\"}");
                speak.setStringProperty("request", "speech");
                speak.setJMSReplyTo(replies);
                jms.createProducer().send(jms.createQueue("voxclone.requests"), speak);
                Message audio = answers.receive(90_000);
                assertNotNull(audio, "no reply to the speech request");
                assertEquals(200, audio.getIntProperty("status"), String.valueOf(audio));
                assertEquals("audio/wav", audio.getStringProperty("contentType"));
                assertEquals(speak.getJMSMessageID(), audio.getJMSCorrelationID(), "without a correlation id, the message id");
                byte[] wav = audio.getBody(byte[].class);
                assertArrayEquals("RIFF".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(wav, 4));
                assertTrue(audio.getLongProperty("durationMillis") > 500, "about two seconds of speech");
            }
        }
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameJob() throws Exception {
        String key = UUID.randomUUID().toString();
        JsonObject first = ask(cloneRequest(key), 60);
        JsonObject second = ask(cloneRequest(key), 60);
        assertEquals(202, first.getInt("status"), first.toString());
        assertEquals(first.getJsonObject("body").getString("jobId"), second.getJsonObject("body").getString("jobId"));
    }

    @Test
    void anotherUsersVoiceIsNotFoundAsOverHttp() throws Exception {
        JsonObject reply = ask(speechRequest(otherUsersVoice), 60);
        assertEquals(404, reply.getInt("status"), reply.toString());
        assertEquals("application/problem+json", reply.getString("contentType"));
        assertTrue(reply.getJsonObject("body").getString("detail").contains(otherUsersVoice), reply.toString());
    }

    @Test
    void anInvalidFieldIsNamedAsOverHttp() throws Exception {
        JsonObject reply = ask(session -> {
            TextMessage m = session.createTextMessage("{\"input\":\"\",\"voice\":\"x\",\"response_format\":\"mp5\"}");
            m.setStringProperty("request", "speech");
            return m;
        }, 60);
        assertEquals(400, reply.getInt("status"), reply.toString());
        String errors = reply.getJsonObject("body").getJsonArray("errors").toString();
        assertTrue(errors.contains("response_format") && errors.contains("input"), errors);
    }

    @Test
    void aUrlIsFetchedThroughTheImportGuard() throws Exception {
        JsonObject reply = ask(session -> {
            TextMessage m = session.createTextMessage("{\"url\":\"http://127.0.0.1:9/voice.wav\",\"voiceName\":\"Internal\"}");
            m.setStringProperty("request", "clone");
            return m;
        }, 60);
        assertEquals(422, reply.getInt("status"), reply.toString());
        assertEquals("https://voxclone.example/problems/import-rejected", reply.getJsonObject("body").getString("type"));
    }

    @Test
    void anUnreadableMessageIsAnsweredAndDeadLettered() throws Exception {
        String probe = UUID.randomUUID().toString();
        JsonObject reply = ask(session -> {
            TextMessage m = session.createTextMessage("this is not JSON");
            m.setStringProperty("request", "speech");
            m.setStringProperty("probe", probe);
            return m;
        }, 60);
        assertEquals(400, reply.getInt("status"), reply.toString());
        assertTrue(reply.getJsonObject("body").getString("detail").contains("JSON"), reply.toString());
        try (var factory = SharedStack.stack().jmsConnectionFactory(); JMSContext jms = factory.createContext();
             JMSConsumer dead = jms.createConsumer(jms.createQueue("voxclone.requests.dlq"), "probe = '" + probe + "'")) {
            Message kept = dead.receive(30_000);
            assertNotNull(kept, "the unreadable message is kept in the dead-letter queue");
            assertEquals("this is not JSON", kept.getBody(String.class));
        }
        JsonObject unknown = ask(session -> session.createTextMessage("{}"), 60);
        assertEquals(400, unknown.getInt("status"));
        assertTrue(unknown.getJsonObject("body").getString("detail").contains("'request'"), unknown.toString());
    }

    @Test
    void repliesGoOnlyToTheAccountsOwnQueue() throws Exception {
        String foreign = "voxclone.replies.someone-else-" + UUID.randomUUID();
        try (var factory = clientFactory(account); Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue own = session.createQueue(account.getString("replyQueue"));
            for (TextMessage request : List.of(session.createTextMessage("not JSON"), session.createTextMessage("{}"))) {
                request.setStringProperty("request", "speech");
                request.setJMSReplyTo(session.createQueue(foreign));
                try (MessageProducer producer = session.createProducer(session.createQueue("voxclone.requests"));
                     var consumer = session.createConsumer(own)) {
                    producer.send(request);
                    Message reply = consumer.receive(60_000);
                    assertNotNull(reply, "the error comes back on the account's own queue");
                    assertEquals(400, reply.getIntProperty("status"), reply.getBody(String.class));
                }
            }
        }
        try (var installation = SharedStack.stack().jmsConnectionFactory(); JMSContext jms = installation.createContext();
             JMSConsumer elsewhere = jms.createConsumer(jms.createQueue(foreign))) {
            assertEquals(null, elsewhere.receive(2_000), "nothing is sent to a reply queue the account does not own");
        }
    }

    @Test
    void theAccountMayNotReachAnythingElse() throws Exception {
        try (var factory = clientFactory(account); JMSContext jms = factory.createContext()) {
            assertThrows(JMSRuntimeException.class, () -> jms.createProducer().send(jms.createQueue("voxclone.jobs"), "{}"),
                    "no job messages of its own");
            assertThrows(JMSRuntimeException.class, () -> jms.createProducer().send(jms.createQueue("voxclone.synthesis"),
                    "{}"), "no requests in another user's name");
            assertThrows(JMSRuntimeException.class, () -> jms.createConsumer(jms.createTopic("voxclone.job-status")),
                    "not everybody's job events");
            assertThrows(JMSRuntimeException.class, () -> jms.createConsumer(
                    jms.createTopic("voxclone.job-status." + UUID.randomUUID())), "not another user's job events");
            assertThrows(JMSRuntimeException.class, () -> jms.createConsumer(jms.createQueue("voxclone.jobs")));
        }
        try (var wrong = new ActiveMQConnectionFactory(account.getString("brokerUrl"), account.getString("username"), "wrong")) {
            assertThrows(JMSRuntimeException.class, () -> wrong.createContext().close(), "a wrong password is refused");
        }
    }

    @Test
    void aRevokedAccountIsDisconnectedAndRefused() throws Exception {
        HttpResponse<String> created = api.postJson("/api/admin/jms-clients", VoxCloneStack.ADMIN_KEY,
                "{\"name\":\"Short-lived\",\"userId\":\"" + ownerId + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject shortLived = json(created);
        try (var factory = clientFactory(shortLived); Connection connection = factory.createConnection()) {
            CountDownLatch closed = new CountDownLatch(1);
            connection.setExceptionListener(e -> closed.countDown());
            connection.start();
            HttpResponse<String> revoked = api.delete("/api/admin/jms-clients/" + shortLived.getString("clientId"),
                    VoxCloneStack.ADMIN_KEY);
            assertEquals(200, revoked.statusCode(), revoked.body());
            assertFalse(json(revoked).isNull("revokedAt"));
            assertTrue(closed.await(30, TimeUnit.SECONDS), "the broker closes the revoked account's connection");
        }
        try (var factory = clientFactory(shortLived)) {
            assertThrows(JMSRuntimeException.class, () -> factory.createContext().close(), "a revoked account cannot sign on");
        }
    }

    interface RequestFactory {
        Message create(Session session) throws JMSException;
    }

    private static RequestFactory cloneRequest(String idempotencyKey) {
        return session -> {
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(recording);
            m.setStringProperty("request", "clone");
            m.setStringProperty("voiceName", "Retried clone");
            m.setStringProperty("idempotencyKey", idempotencyKey);
            return m;
        };
    }

    private static RequestFactory speechRequest(String voice) {
        return session -> {
            TextMessage m = session.createTextMessage("{\"model\":\"voxclone\",\"input\":\"Hello.\",\"voice\":\"" + voice + "\"}");
            m.setStringProperty("request", "speech");
            return m;
        };
    }

    private static JsonObject ask(RequestFactory request, int timeoutSeconds) throws Exception {
        return ask(account, request, timeoutSeconds);
    }

    /** Sends one request with an integration account and returns its JSON reply: {"status", "contentType", "body"}. */
    static JsonObject ask(JsonObject account, RequestFactory request, int timeoutSeconds) throws Exception {
        try (var factory = clientFactory(account); Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replies = session.createQueue(account.getString("replyQueue"));
            Message message = request.create(session);
            message.setJMSReplyTo(replies);
            try (MessageProducer producer = session.createProducer(session.createQueue("voxclone.requests"));
                 var consumer = session.createConsumer(replies)) {
                producer.send(message);
                Message reply = consumer.receive(TimeUnit.SECONDS.toMillis(timeoutSeconds));
                assertNotNull(reply, "no reply within " + timeoutSeconds + " s");
                assertEquals(message.getJMSMessageID(), reply.getJMSCorrelationID());
                return jakarta.json.Json.createObjectBuilder()
                        .add("status", reply.getIntProperty("status"))
                        .add("contentType", reply.getStringProperty("contentType"))
                        .add("body", Api.parseStructure(reply.getBody(String.class)))
                        .build();
            }
        }
    }

    private static String awaitCompleted(JMSConsumer events, String jobId) throws JMSException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Message event = events.receive(5_000);
            if (event == null) {
                continue;
            }
            JsonObject state = Api.parseStructure(event.getBody(String.class)).asJsonObject();
            if (state.getString("jobId").equals(jobId) && state.getString("status").equals("completed")) {
                return state.getString("voiceId");
            }
            assertFalse(state.getString("status").equals("failed") && state.getString("jobId").equals(jobId), state.toString());
        }
        throw new AssertionError("job " + jobId + " did not complete within 3 minutes");
    }

    private static ActiveMQConnectionFactory clientFactory(JsonObject account) {
        return new ActiveMQConnectionFactory(account.getString("brokerUrl"), account.getString("username"),
                account.getString("password"));
    }
}
