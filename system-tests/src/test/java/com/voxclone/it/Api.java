package com.voxclone.it;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The HTTP calls a client of VoxClone makes. */
public final class Api {

    public static final String ONBOARDING = "/api/public/voice/onboarding";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public Api(URI base) {
        this.base = base;
    }

    public HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return http.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, String key) throws IOException, InterruptedException {
        return http.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> delete(String path, String key) throws IOException, InterruptedException {
        return http.send(request(path, key).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String key, String json) throws IOException, InterruptedException {
        return sendJson("POST", path, key, json);
    }

    public HttpResponse<String> patchJson(String path, String key, String json) throws IOException, InterruptedException {
        return sendJson("PATCH", path, key, json);
    }

    public HttpResponse<String> putJson(String path, String key, String json) throws IOException, InterruptedException {
        return sendJson("PUT", path, key, json);
    }

    private HttpResponse<String> sendJson(String method, String path, String key, String json) throws IOException, InterruptedException {
        return http.send(request(path, key).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> postJsonForBytes(String path, String key, String json, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path, key).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A multipart/form-data POST with text fields and, when {@code file} is given, the file part "file". */
    public HttpResponse<String> upload(String key, Map<String, String> fields, Path file) throws IOException, InterruptedException {
        return upload(key, fields, file == null ? null : Files.readAllBytes(file), file == null ? null : file.getFileName().toString());
    }

    public HttpResponse<String> upload(String key, Map<String, String> fields, byte[] content, String fileName) throws IOException, InterruptedException {
        return multipart(ONBOARDING + "/clone", key, fields, content, fileName, HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart/form-data POST to {@code path} with the file part "file". */
    public <T> HttpResponse<T> multipart(String path, String key, Map<String, String> fields, byte[] content, String fileName,
                                         HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        return multipart(path, key, fields, "file", content, fileName, handler);
    }

    /** A multipart/form-data POST to {@code path}, the file (if any) in the part {@code fileField}. */
    public <T> HttpResponse<T> multipart(String path, String key, Map<String, String> fields, String fileField, byte[] content,
                                         String fileName, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        return multipart(path, key, Map.of(), fields, content == null ? List.of() : List.of(new FilePart(fileField, fileName, content)), handler);
    }

    /** A file of a multipart form. */
    public record FilePart(String field, String fileName, byte[] content) {
        public static FilePart of(String field, Path file) throws IOException {
            return new FilePart(field, file.getFileName().toString(), Files.readAllBytes(file));
        }
    }

    /** A multipart/form-data POST to {@code path} with extra request headers, text fields and any number of files. */
    public <T> HttpResponse<T> multipart(String path, String key, Map<String, String> headers, Map<String, String> fields,
                                         List<FilePart> files, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        String boundary = "----voxclone-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var f : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (FilePart file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field() + "\"; filename=\""
                    + file.fileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = request(path, key);
        headers.forEach(request::header);
        // Like browsers and curl for large bodies: let the server refuse (401, 413) before the body is sent.
        return http.send(request.expectContinue(true)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), handler);
    }

    /** Creates a user through the admin API and returns its API key. */
    public String createUser(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = postJson("/api/admin/users", VoxCloneStack.ADMIN_KEY, "{\"name\":\"" + name + "\"}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("could not create a user: " + r.statusCode() + " " + r.body());
        }
        return json(r).getString("apiKey");
    }

    /** Sets the quotas of the user of {@code key} (a JSON object of limits) as an administrator would. */
    public void setQuotas(String key, String quotas) throws IOException, InterruptedException {
        String userId = json(get("/api/public/account", key)).getString("userId");
        HttpResponse<String> r = putJson("/api/admin/users/" + userId + "/quotas", VoxCloneStack.ADMIN_KEY, quotas);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("could not set quotas: " + r.statusCode() + " " + r.body());
        }
    }

    /** Uploads a generated speech recording to clone a voice named {@code voiceName}; the job id of the 202. */
    public String acceptClone(String key, String voiceName) throws IOException, InterruptedException {
        HttpResponse<String> accepted = upload(key, Map.of("voiceName", voiceName),
                Media.file("clone", MediaType.WAV, Media.speech()));
        if (accepted.statusCode() != 202) {
            throw new AssertionError("the upload was not accepted: " + accepted.statusCode() + " " + accepted.body());
        }
        return json(accepted).getString("jobId");
    }

    /**
     * Like {@link #acceptClone}, but an upload answered 503 (a service taking over after a fail-over) is sent again a
     * second later, as its {@code Retry-After} asks, for up to a minute.
     *
     * @param refused told of each 503
     */
    public String acceptCloneRetrying(String key, String voiceName, Runnable refused) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            HttpResponse<String> response = upload(key, Map.of("voiceName", voiceName),
                    Media.file(voiceName.replace(' ', '-'), MediaType.WAV, Media.speech()));
            if (response.statusCode() == 202) {
                return json(response).getString("jobId");
            }
            if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                throw new AssertionError("upload after the fail-over: " + response.statusCode() + " " + response.body());
            }
            refused.run();
            Thread.sleep(1000);
        }
    }

    /**
     * The jobs a fail-over drill puts in flight: one completed before, two held in the middle of their work (on a stack
     * that holds jobs named "Held ...", see {@link VoxCloneStack#holdingJobs}) and {@code queued} waiting behind them.
     * Lifts the user's concurrent-job quota for them.
     *
     * @return their ids, in that order
     */
    public List<String> jobsInFlight(String key, int queued) throws IOException, InterruptedException {
        setQuotas(key, "{\"concurrentJobs\":100}");
        List<String> jobs = new ArrayList<>(List.of(acceptClone(key, "Before the kill")));
        awaitAllCompleted(key, jobs, Duration.ofMinutes(2));
        List<String> held = List.of(acceptClone(key, "Held 1"), acceptClone(key, "Held 2"));
        awaitProcessing(key, held, Duration.ofMinutes(1));
        jobs.addAll(held);
        for (int i = 1; i <= queued; i++) {
            jobs.add(acceptClone(key, "Queued " + i));
        }
        return jobs;
    }

    /** Polls the status endpoints until every job is processing (a drill holds them there). */
    public void awaitProcessing(String key, List<String> jobIds, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String job : jobIds) {
            while (!json(get(ONBOARDING + "/jobs/" + job + "/status", key)).getString("status").equals("processing")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("job " + job + " did not start within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
        }
    }

    /** Waits for every job to finish and requires each completed; the voices they made. */
    public Set<String> awaitAllCompleted(String key, List<String> jobIds, Duration timeoutEach) throws IOException, InterruptedException {
        Set<String> voices = new HashSet<>();
        for (String job : jobIds) {
            JsonObject finished = awaitFinished(key, job, timeoutEach);
            if (!finished.getString("status").equals("completed")) {
                throw new AssertionError("job " + job + " did not complete: " + finished);
            }
            voices.add(finished.getString("voiceId"));
        }
        return voices;
    }

    /** Polls the status endpoint until the job is completed or failed. */
    public JsonObject awaitFinished(String key, String jobId, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject status = null;
        while (System.nanoTime() < deadline) {
            status = json(get(ONBOARDING + "/jobs/" + jobId + "/status", key));
            String s = status.getString("status");
            if (s.equals("completed") || s.equals("failed")) {
                return status;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + jobId + " not finished within " + timeout.toSeconds() + " s; last status " + status);
    }

    /** Opens the job's event stream and collects the JSON of each event until the server closes it. */
    public CompletableFuture<List<JsonObject>> events(String key, String jobId) {
        HttpRequest r = request(ONBOARDING + "/jobs/" + jobId + "/events", key).header("Accept", "text/event-stream").GET().build();
        return http.sendAsync(r, HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("event stream answered " + response.statusCode());
            }
            List<JsonObject> events = new ArrayList<>();
            try (Stream<String> lines = response.body()) {
                lines.filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim())
                        .forEach(data -> events.add(parse(data)));
            }
            return events;
        }).orTimeout(3, TimeUnit.MINUTES);
    }

    public static JsonObject json(HttpResponse<String> r) {
        return (JsonObject) parseStructure(r.body());
    }

    public static JsonStructure parseStructure(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.read();
        }
    }

    private static JsonObject parse(String text) {
        return (JsonObject) parseStructure(text);
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(3));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }
}
