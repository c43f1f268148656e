package com.voxclone.speech.boundary;

import com.voxclone.platform.boundary.Problem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;

/**
 * Errors of the OpenAI-compatible API in OpenAI's shape: {@code {"error": {"message", "type", "param", "code"}}} with
 * the same status. Every error is first made as problem details like anywhere else in the API (so the same checks and
 * messages apply) and reshaped here, for the paths under {@code /v1} only.
 */
@Provider
public class OpenAiErrors implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("v1/") || !Problem.PROBLEM_JSON.isCompatible(response.getMediaType())
                || !(response.getEntity() instanceof String text)) {
            return;
        }
        JsonObject problem = Json.createReader(new StringReader(text)).readObject();
        response.setEntity(error(problem, response.getStatus()).toString(), response.getEntityAnnotations(),
                MediaType.APPLICATION_JSON_TYPE);
    }

    static JsonObject error(JsonObject problem, int status) {
        String type = problem.getString("type", "");
        String slug = type.substring(type.lastIndexOf('/') + 1);
        JsonObjectBuilder error = Json.createObjectBuilder()
                .add("message", problem.getString("detail", problem.getString("title", "")))
                .add("type", errorType(status, slug));
        var errors = problem.getJsonArray("errors");
        error.add("param", errors == null || errors.isEmpty() ? JsonValue.NULL
                : Json.createValue(errors.getJsonObject(0).getString("field")));
        error.add("code", slug.isEmpty() ? JsonValue.NULL : Json.createValue(slug.replace('-', '_')));
        return Json.createObjectBuilder().add("error", error).build();
    }

    /** OpenAI's error types by status, as its clients map them to their exception classes. */
    private static String errorType(int status, String slug) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> slug.equals("quota-exceeded") ? "insufficient_quota" : "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
