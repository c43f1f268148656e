package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The figures operators watch, in the Prometheus text format at {@code /metrics}: after a clone, a speech request and a
 * refused request, each shows up with the right labels and a value that moved.
 */
@ExtendWith(SharedStack.class)
@Order(18)
class MetricsIT {

    @Test
    void jobsSpeechUploadsAndRefusalsAreCounted() throws Exception {
        Api api = SharedStack.api();
        String before = scrape();
        String key = api.createUser("Measured");
        var accepted = api.upload(key, Map.of("voiceName", "Measured voice"), Media.file("measured", MediaType.WAV, Media.speech()));
        JsonObject done = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3));
        assertEquals("completed", done.getString("status"), done.toString());
        HttpResponse<byte[]> speech = api.postJsonForBytes("/v1/audio/speech", key, "{\"model\":\"voxclone\",\"voice\":\""
                + done.getString("voiceId") + "\",\"input\":\"Counting.\",\"response_format\":\"wav\"}", null);
        assertEquals(200, speech.statusCode());
        assertEquals(400, api.postJson("/api/public/voice/speech/jobs", key, "{\"input\":\"\"}").statusCode());
        // The gauges are read at most every 10 seconds.
        Thread.sleep(11_000);
        String after = scrape();

        assertTrue(value(after, "voxclone_job_status_changes_total", "status=\"completed\"", "kind=\"clone\"", "engine=\"offline\"")
                > value(before, "voxclone_job_status_changes_total", "status=\"completed\"", "kind=\"clone\"", "engine=\"offline\""), after);
        assertTrue(value(after, "voxclone_job_duration_milliseconds_count", "kind=\"clone\"", "status=\"completed\"") >= 1, after);
        assertTrue(value(after, "voxclone_jobs", "status=\"completed\"") >= 1, after);
        assertTrue(value(after, "voxclone_workers_alive") >= 1, after);
        assertTrue(after.contains("voxclone_dead_letters{mp_scope=\"application\",queue=\"voxclone.requests.dlq\"}"), after);
        assertTrue(after.contains("voxclone_job_lease_recoveries_total{"), after);
        for (String queue : new String[] {"voxclone.jobs", "voxclone.speech-jobs", "voxclone.synthesis", "voxclone.requests"}) {
            assertTrue(after.contains("voxclone_queue_depth{mp_scope=\"application\",queue=\"" + queue + "\"}"), queue + ": " + after);
        }
        assertTrue(value(after, "voxclone_upload_accepted_bytes_total")
                >= value(before, "voxclone_upload_accepted_bytes_total") + 100_000, after);
        assertTrue(value(after, "voxclone_synthesis_duration_milliseconds_count", "engine=\"offline\"", "operation=\"speak\"") >= 1, after);
        assertTrue(value(after, "voxclone_engine_real_time_factor_percent_count", "engine=\"offline\"") >= 1, after);
        assertTrue(value(after, "voxclone_http_refusals_total", "status=\"400\"", "type=\"invalid-request\"")
                > value(before, "voxclone_http_refusals_total", "status=\"400\"", "type=\"invalid-request\""), after);
    }

    private static String scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(SharedStack.stack().baseUri() + "/metrics?scope=application")).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The sample of {@code name} whose labels include all of {@code labels}; 0 when there is none. */
    private static double value(String exposition, String name, String... labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+(\\S+)$", Pattern.MULTILINE).matcher(exposition);
        double sum = 0;
        while (m.find()) {
            String found = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
