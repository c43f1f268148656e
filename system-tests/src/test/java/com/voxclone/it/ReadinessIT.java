package com.voxclone.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code /health/ready}, asked every 200 ms from the launch on, never answers ready before both applications are
 * deployed with their own checks. Its own stack, first: the moments before readiness are what it watches.
 */
@Order(0)
class ReadinessIT {

    /** The applications' own checks: {@code workers} is the web application's, the others the worker's. */
    private static final Set<String> APPLICATION_CHECKS = Set.of("workers", "database", "broker", "engine");

    @Test
    void notReadyUntilBothApplicationsAreDeployed() throws Exception {
        try (VoxCloneStack stack = VoxCloneStack.embedded("readiness", Map.of())) {
            CompletableFuture<VoxCloneStack> started = CompletableFuture.supplyAsync(() -> {
                try {
                    return stack.start();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest ready = HttpRequest.newBuilder(stack.baseUri().resolve("/health/ready")).timeout(Duration.ofSeconds(10)).build();
            List<String> notReady = new ArrayList<>();
            List<String> readyTooEarly = new ArrayList<>();
            while (!started.isDone()) {
                try {
                    HttpResponse<String> r = http.send(ready, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        notReady.add(r.statusCode() + " " + r.body());
                    } else if (!checkNames(r.body()).containsAll(APPLICATION_CHECKS)) {
                        readyTooEarly.add(r.body());
                    }
                } catch (IOException notListening) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            started.join();
            assertTrue(notReady.stream().anyMatch(a -> a.startsWith("503")), "never saw the server deploying: " + notReady);
            assertTrue(readyTooEarly.isEmpty(), readyTooEarly.size() + " ready answers without the applications' checks, e.g. "
                    + readyTooEarly.stream().findFirst().orElse(""));
            // Timers start with the deployment too: none may reach the database before its schema is created.
            List<String> early = Files.readAllLines(stack.log()).stream().filter(l -> l.contains("does not exist")).toList();
            assertTrue(early.isEmpty(), "the database was used before its schema existed: " + early);
        }
    }

    private static Set<String> checkNames(String body) {
        return Json.createReader(new StringReader(body)).readObject().getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject).map(c -> c.getString("name")).collect(Collectors.toSet());
    }
}
