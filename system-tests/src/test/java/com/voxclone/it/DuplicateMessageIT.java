package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.voxclone.audio.entity.MediaType;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job message delivered again after its job finished (a duplicate from an external system, or a redelivery
 * after a crash) changes nothing. The duplicate is sent as any JMS client would, over TCP to the broker.
 */
@ExtendWith(SharedStack.class)
@Order(7)
class DuplicateMessageIT {

    @Test
    void aRepeatedMessageForAFinishedJobChangesNothing() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Duplicates");
        var accepted = api.upload(key, Map.of("voiceName", "Once only"), Media.file("once", MediaType.WAV, Media.speech()));
        String jobId = json(accepted).getString("jobId");
        JsonObject done = api.awaitFinished(key, jobId, Duration.ofMinutes(3));
        assertEquals("completed", done.getString("status"));
        int historyBefore = history(api, jobId);

        VoxCloneStack stack = SharedStack.stack();
        try (var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + stack.brokerPort(), stack.brokerUser(), stack.brokerPassword());
             JMSContext jms = factory.createContext()) {
            MapMessage duplicate = jms.createMapMessage();
            duplicate.setString("jobId", jobId);
            duplicate.setStringProperty("jobId", jobId);
            jms.createProducer().send(jms.createQueue("voxclone.jobs"), duplicate);
        }

        // The worker takes the duplicate within moments; give it ample time, then nothing may have changed.
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            JsonObject now = json(api.get(Api.ONBOARDING + "/jobs/" + jobId + "/status", key));
            assertEquals(done, now, "the finished job changed after a repeated message");
        }
        assertEquals(historyBefore, history(api, jobId), "a repeated message must not add history");
        assertEquals(0, json(api.get("/api/admin/queues", VoxCloneStack.ADMIN_KEY)).getJsonObject("jobs").getInt("depth"),
                "the duplicate should have been consumed");
    }

    private static int history(Api api, String jobId) throws Exception {
        return json(api.get("/api/admin/jobs/" + jobId, VoxCloneStack.ADMIN_KEY)).getJsonArray("history").size();
    }
}
