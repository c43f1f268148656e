package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static com.voxclone.it.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Job events reach a user's webhook endpoint signed as the README says, a failed delivery is retried, and the log shows
 * it; endpoints on private addresses are refused unless the test-only switch allows them.
 */
@ExtendWith(SharedStack.class)
@Order(15)
class WebhooksIT {

    private record Received(Map<String, List<String>> headers, String body) {
    }

    @Test
    void aPrivateAddressIsRefusedWithoutTheTestSetting() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Webhook on the intranet");
        for (String url : List.of("http://127.0.0.1:9/hooks", "http://169.254.169.254/latest/meta-data", "http://[::1]/x")) {
            JsonObject refused = assertProblem(api.postJson("/api/public/webhooks", key, "{\"url\":\"" + url + "\"}"), 422,
                    "public internet only");
            assertTrue(!refused.getString("detail").contains("169.254.169.254") || url.contains("169.254"), refused.toString());
        }
        assertProblem(api.postJson("/api/public/webhooks", key, "{\"url\":\"ftp://example.com/x\"}"), 400, "http or https");
        assertEquals(0, ((JsonArray) Api.parseStructure(api.get("/api/public/webhooks", key).body())).size());
    }

    @Test
    void jobEventsAreDeliveredSignedAndRetried() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // The first delivery fails: it must come again.
            int status = calls.incrementAndGet() == 1 ? 503 : 204;
            if (status == 204) {
                received.add(new Received(exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try (VoxCloneStack stack = VoxCloneStack.embedded("webhooks", Map.of("VOXCLONE_IMPORT_ALLOW_PRIVATE_ADDRESSES", "true",
                "VOXCLONE_WEBHOOKS_RETRY_BASE_SECONDS", "1")).start()) {
            Api api = new Api(stack.baseUri());
            String key = api.createUser("Hooked");
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
            HttpResponse<String> created = api.postJson("/api/public/webhooks", key, "{\"url\":\"" + url + "\"}");
            assertEquals(201, created.statusCode(), created.body());
            String secret = json(created).getString("secret");
            String webhook = json(created).getString("id");

            var accepted = api.upload(key, Map.of("voiceName", "Hooked voice"), Media.file("hooked", MediaType.WAV, Media.speech()));
            String jobId = json(accepted).getString("jobId");
            assertEquals("completed", api.awaitFinished(key, jobId, Duration.ofMinutes(3)).getString("status"));

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            List<String> statuses = received.stream().map(r -> ((JsonObject) Api.parseStructure(r.body()))
                    .getJsonObject("data").getString("status")).sorted().toList();
            assertEquals(List.of("completed", "pending", "processing"), statuses, "one delivery per status change");
            for (Received r : received) {
                JsonObject event = (JsonObject) Api.parseStructure(r.body());
                assertEquals("job.status", event.getString("type"));
                assertEquals(jobId, event.getJsonObject("data").getString("jobId"));
                String timestamp = r.headers().get("Voxclone-webhook-timestamp").get(0);
                assertEquals("v1=" + hmac(secret, timestamp + "." + r.body()), r.headers().get("Voxclone-webhook-signature").get(0),
                        "signed with the endpoint's secret as documented");
            }

            JsonArray log = (JsonArray) Api.parseStructure(api.get("/api/public/webhooks/" + webhook + "/deliveries", key).body());
            assertEquals(3, log.size(), log.toString());
            assertTrue(log.stream().map(JsonObject.class::cast).allMatch(d -> d.getString("state").equals("delivered")), log.toString());
            assertTrue(log.stream().map(JsonObject.class::cast).anyMatch(d -> d.getInt("attempts") == 2),
                    "the delivery that met the 503 was tried again: " + log);

            String stranger = api.createUser("Stranger");
            assertProblem(api.get("/api/public/webhooks/" + webhook + "/deliveries", stranger), 404, "no webhook");
            assertEquals(204, api.delete("/api/public/webhooks/" + webhook, key).statusCode());
            assertEquals(0, ((JsonArray) Api.parseStructure(api.get("/api/public/webhooks", key).body())).size());
        } finally {
            receiver.stop(0);
        }
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
