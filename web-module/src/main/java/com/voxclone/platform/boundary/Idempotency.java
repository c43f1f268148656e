package com.voxclone.platform.boundary;

import com.voxclone.platform.entity.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on requests that create something: the first request with a key runs, and a retry with the
 * same key and the same request gets the first answer again (the same job), marked {@code Idempotent-Replayed: true};
 * the same key with a different request is refused with 422, and a retry while the first still runs with 409. Only
 * successful answers are kept (for a day): after a failure the key is free, so the retry runs again.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY = 255;

    @Inject
    IdempotentRequests requests;

    /**
     * Runs {@code work} once per key and request.
     *
     * @param key         the request's key, or null to just run the work
     * @param fingerprint what makes two requests the same (see {@link #of})
     */
    public Response once(UUID userId, String key, Supplier<String> fingerprint, Supplier<Response> work) {
        if (key == null) {
            return work.get();
        }
        check(key);
        IdempotentRequests.Claim claim = requests.claim(userId, key, fingerprint.get());
        if (claim instanceof IdempotentRequests.Claim.Answered answered) {
            IdempotentRequests.Answer a = answered.answer();
            Response.ResponseBuilder replay = Response.status(a.status()).type("application/json").entity(a.body())
                    .header(REPLAYED, "true");
            return (a.location() == null ? replay : replay.location(URI.create(a.location()))).build();
        }
        if (claim instanceof IdempotentRequests.Claim.Running) {
            throw Problem.of(Response.Status.CONFLICT, "idempotency-key-in-use", "Request still running",
                    "A request with this Idempotency-Key is still being processed; repeat it once that one has answered.").build();
        }
        if (claim instanceof IdempotentRequests.Claim.OtherRequest) {
            throw Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused", "This Idempotency-Key was used for a "
                    + "different request in the last 24 hours; use a new key for a new request.").build();
        }
        Response answer;
        try {
            answer = work.get();
        } catch (RuntimeException e) {
            requests.release(userId, key);
            throw e;
        }
        if (answer.getStatus() / 100 == 2) {
            Object body = answer.getEntity();
            requests.answered(userId, key, new IdempotentRequests.Answer(answer.getStatus(),
                    body == null ? null : body.toString(), answer.getLocation() == null ? null : answer.getLocation().toString()));
        } else {
            requests.release(userId, key);
        }
        return answer;
    }

    private static void check(String key) {
        boolean visibleAscii = key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
        if (key.isEmpty() || key.length() > MAX_KEY || !visibleAscii) {
            throw Problem.invalidFields(List.of(new Violation(HEADER, HEADER + " must be 1 to " + MAX_KEY
                    + " visible ASCII characters (a UUID is a good choice)")));
        }
    }

    /** What makes a form request itself: its fields, in any order, and the bytes of its file. */
    public static String of(Map<String, String> fields, Path file) {
        return of(fields, file == null ? List.of() : List.of(file));
    }

    /** What makes a form request with several files itself: its fields, in any order, and its files' bytes in order. */
    public static String of(Map<String, String> fields, List<Path> files) {
        MessageDigest sha = sha256();
        new TreeMap<>(fields).forEach((k, v) -> sha.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
        for (Path file : files) {
            sha.update((byte) 0);
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the uploaded file could not be read back", e);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** What makes a JSON request itself: its members in any order, values as sent. */
    public static String of(JsonObject body) {
        MessageDigest sha = sha256();
        sha.update(canonical(body == null ? JsonValue.NULL : body).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String canonical(JsonValue value) {
        if (value instanceof JsonObject o) {
            StringBuilder b = new StringBuilder("{");
            new TreeMap<>(o).forEach((k, v) -> b.append(Json.createValue(k)).append(':').append(canonical(v)).append(','));
            return b.append('}').toString();
        }
        if (value instanceof JsonArray a) {
            StringBuilder b = new StringBuilder("[");
            a.forEach(v -> b.append(canonical(v)).append(','));
            return b.append(']').toString();
        }
        return value.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
