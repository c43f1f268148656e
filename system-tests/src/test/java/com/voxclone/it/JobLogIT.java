package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One job's story can be followed in the log by its id: every status change (on the web node that accepted it, on the
 * worker that ran it) and the worker's own lines about it carry the job's id and its owner's id.
 */
@ExtendWith(SharedStack.class)
@Order(9)
class JobLogIT {

    @Test
    void everyLineAboutAJobNamesTheJobAndItsOwner() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Logged");
        var accepted = api.upload(key, Map.of("voiceName", "Followed in the log"), Media.file("logged", MediaType.WAV, Media.speech()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String job = json(accepted).getString("jobId");
        assertEquals("completed", api.awaitFinished(key, job, Duration.ofMinutes(3)).getString("status"));

        // The completion's line is written right after its commit; give the log a moment.
        List<String> lines = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            lines = SharedStack.stack().logText().lines().filter(l -> l.contains(job)).toList();
            if (lines.stream().anyMatch(l -> l.contains("Job completed"))) {
                break;
            }
            Thread.sleep(200);
        }
        Pattern tagged = Pattern.compile("\\[jobId=" + job + " userId=([0-9a-f-]{36})\\] ");
        String owner = null;
        String story = String.join("\n", lines);
        for (String status : List.of("Job pending", "Job processing", "Job completed", "Job " + job + " completed: voice")) {
            String line = lines.stream().filter(l -> l.contains(status)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line '" + status + "' among:\n" + story));
            Matcher m = tagged.matcher(line);
            assertTrue(m.find(), "not tagged with the job and its owner: " + line);
            owner = owner == null ? m.group(1) : owner;
            assertEquals(owner, m.group(1), "one owner throughout: " + line);
        }
    }
}
