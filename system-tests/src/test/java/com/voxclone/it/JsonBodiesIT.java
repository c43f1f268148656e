package com.voxclone.it;

import static com.voxclone.it.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A JSON body that is not an object, or is empty, is a client's mistake: 400 with what was wrong, never a 500 page. */
@ExtendWith(SharedStack.class)
@Order(9)
class JsonBodiesIT {

    @Test
    void bodiesThatAreNotObjectsAreRefusedAsBadRequests() throws Exception {
        Api api = SharedStack.api();
        assertProblem(api.postJson("/api/admin/users", VoxCloneStack.ADMIN_KEY, "[]"), 400, "must be a JSON object");
        assertProblem(api.postJson("/api/admin/users", VoxCloneStack.ADMIN_KEY, "{\"name\":"), 400, "not valid JSON");
        assertProblem(api.postJson("/api/admin/users", VoxCloneStack.ADMIN_KEY, ""), 400, "name is required");
        // Deeper than the JSON parser goes (1,000 levels): a bad request, not a server error.
        String deep = "{\"name\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertProblem(api.postJson("/api/admin/users", VoxCloneStack.ADMIN_KEY, deep), 400, "nested more than 64 levels");
        assertProblem(api.postJson("/api/public/voice/consent/challenges", VoxCloneStack.ADMIN_KEY, deep), 400, "nested more than");
        assertEquals("application/json", api.postJson("/v1/audio/speech", VoxCloneStack.ADMIN_KEY, "[1]").headers()
                .firstValue("Content-Type").orElse("").split(";")[0], "OpenAI's error shape under /v1");
    }
}
