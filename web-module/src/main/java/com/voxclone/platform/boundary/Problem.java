package com.voxclone.platform.boundary;

import com.voxclone.platform.entity.Violation;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An error answered as RFC 9457 problem details ({@code application/problem+json}): a title, the status, a detail
 * that says what was wrong and what is allowed, and optional extension members (the invalid fields, a measured
 * value, a limit).
 */
public class Problem extends WebApplicationException {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    private static final String TYPE_BASE = "https://voxclone.example/problems/";

    private Problem(Response response, String detail) {
        super(detail, response);
    }

    public static Builder of(Response.Status status, String type, String title, String detail) {
        return new Builder(status.getStatusCode(), type, title, detail);
    }

    public static Builder of(int status, String type, String title, String detail) {
        return new Builder(status, type, title, detail);
    }

    public static Problem invalidFields(List<Violation> violations) {
        JsonArrayBuilder errors = Json.createArrayBuilder();
        violations.forEach(v -> errors.add(Json.createObjectBuilder().add("field", v.field()).add("message", v.message())));
        String detail = violations.size() == 1 ? violations.get(0).message()
                : violations.size() + " fields are invalid: " + String.join("; ", violations.stream().map(Violation::message).toList());
        return of(Response.Status.BAD_REQUEST, "invalid-request", "Invalid request", detail).with("errors", errors).build();
    }

    public static Problem notFound(String what) {
        return of(Response.Status.NOT_FOUND, "not-found", "Not found", what).build();
    }

    /** The id in a path; one that is not a UUID names nothing, so it is answered like an unknown one. */
    public static UUID idOrNotFound(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw notFound("There is no " + what + " '" + value + "'.");
        }
    }

    public static final class Builder {
        private final int status;
        private final JsonObjectBuilder body;
        private final String detail;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(int status, String type, String title, String detail) {
            this.status = status;
            this.detail = detail;
            this.body = Json.createObjectBuilder()
                    .add("type", TYPE_BASE + type)
                    .add("title", title)
                    .add("status", status)
                    .add("detail", detail);
        }

        public Builder with(String key, String value) {
            body.add(key, value);
            return this;
        }

        public Builder with(String key, long value) {
            body.add(key, value);
            return this;
        }

        public Builder with(String key, double value) {
            body.add(key, value);
            return this;
        }

        public Builder with(String key, JsonArrayBuilder value) {
            body.add(key, value);
            return this;
        }

        public Builder with(String key, JsonValue value) {
            body.add(key, value);
            return this;
        }

        /** An HTTP header to send with the problem, e.g. {@code Retry-After}. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Response response() {
            Response.ResponseBuilder response = Response.status(status).type(PROBLEM_JSON).entity(body.build().toString());
            headers.forEach(response::header);
            return response.build();
        }

        public Problem build() {
            return new Problem(response(), detail);
        }
    }
}
