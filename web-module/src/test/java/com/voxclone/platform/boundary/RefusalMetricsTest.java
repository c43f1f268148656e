package com.voxclone.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

class RefusalMetricsTest {

    @Test
    void aProblemIsCountedByTheLastPartOfItsType() {
        assertEquals("queue-full", RefusalMetrics.problemType(
                "{\"type\":\"https://voxclone.example/problems/queue-full\",\"status\":503}"));
        assertEquals("quota-exceeded", RefusalMetrics.problemType(Json.createObjectBuilder()
                .add("type", "https://voxclone.example/problems/quota-exceeded").build()));
    }

    @Test
    void anythingElseIsCountedWithoutAType() {
        assertEquals("none", RefusalMetrics.problemType(null));
        assertEquals("none", RefusalMetrics.problemType("not json"));
        assertEquals("none", RefusalMetrics.problemType("{\"error\":{\"message\":\"OpenAI's shape\"}}"));
        assertEquals("none", RefusalMetrics.problemType(new byte[] {1, 2}));
    }
}
