package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.TestMedia;
import com.voxclone.audio.entity.MediaType;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drill: 100 uploads of 5 MB at once against a server whose heap is capped at 512 MB (the whole embedded node: web,
 * worker and broker in one JVM). What must hold: every upload is accepted, no out-of-memory error, every job completes.
 */
@Tag("drill")
class UploadMemoryIT {

    private static final int UPLOADS = 100;

    @Test
    void aHundredFiveMegabyteUploadsAtOnceFitIn512Megabytes() throws Exception {
        try (VoxCloneStack stack = VoxCloneStack.embedded("upload-memory", Map.of()).withHeap("512m").start()) {
            Api api = new Api(stack.baseUri());
            String key = api.createUser("Many uploads");
            api.setQuotas(key, "{\"voices\":1000,\"concurrentJobs\":1000}");
            // About 5 MB: 28.5 s of speech-like sound in a WAV file (16-bit stereo at 44.1 kHz, as recorders write it).
            byte[] file = Files.readAllBytes(Media.file("five-megabytes", MediaType.WAV, TestMedia.speechLike(28.5, 48_000, 5)));
            assertTrue(file.length > 4_900_000 && file.length < 5_300_000, file.length + " bytes");

            ExecutorService clients = Executors.newFixedThreadPool(UPLOADS);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < UPLOADS; i++) {
                    int n = i;
                    answers.add(clients.submit(() -> api.upload(key, Map.of("voiceName", "Upload " + n), file, "five.wav")));
                }
                List<String> jobs = new ArrayList<>();
                List<String> refused = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> r = answer.get();
                    if (r.statusCode() == 202) {
                        jobs.add(json(r).getString("jobId"));
                    } else {
                        refused.add(r.statusCode() + " " + r.body());
                    }
                }
                assertEquals(List.of(), refused);
                for (String job : jobs) {
                    assertEquals("completed", api.awaitFinished(key, job, Duration.ofMinutes(10)).getString("status"), job);
                }
            } finally {
                clients.shutdownNow();
            }
            assertFalse(Files.readString(stack.log()).contains("OutOfMemoryError"), "the server ran out of memory: " + stack.log());
        }
    }
}
