package com.voxclone.quota.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.quota.entity.Quota;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Quotas freed by waiting answer 429 with Retry-After; quotas freed by deleting answer 409; both name the quota. */
class QuotaExceededMapperTest {

    private final QuotaExceededMapper mapper = new QuotaExceededMapper();

    @Test
    void runningJobsAnswer429WithRetryAfter() {
        Response r = mapper.toResponse(new QuotaExceededException(Quota.CONCURRENT_JOBS, 2, 2, "Quota reached."));

        assertEquals(429, r.getStatus());
        assertEquals("30", r.getHeaderString("Retry-After"));
        JsonObject body = body(r);
        assertEquals("concurrentJobs", body.getString("quota"));
        assertEquals(2, body.getInt("limit"));
        assertEquals("Quota reached.", body.getString("detail"));
        assertTrue(body.getString("type").endsWith("/quota-exceeded"));
    }

    @Test
    void voicesAnswer409WithoutRetryAfter() {
        Response r = mapper.toResponse(new QuotaExceededException(Quota.VOICES, 3, 3, "Quota reached."));

        assertEquals(409, r.getStatus());
        assertNull(r.getHeaderString("Retry-After"));
        assertEquals("voices", body(r).getString("quota"));
    }

    private static JsonObject body(Response r) {
        assertEquals("application/problem+json", r.getMediaType().toString());
        return Json.createReader(new StringReader((String) r.getEntity())).readObject();
    }
}
