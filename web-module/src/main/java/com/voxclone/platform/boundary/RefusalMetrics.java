package com.voxclone.platform.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts the API's refusals for monitoring, by status and problem type (the last part of the problem's {@code type}:
 * {@code file-too-large}, {@code quota-exceeded}, {@code queue-full}, ...): why uploads and requests are turned away.
 */
@Provider
public class RefusalMetrics implements ContainerResponseFilter {

    static final Metadata REFUSALS = Metadata.builder().withName("voxclone.http.refusals")
            .withDescription("API answers with an error status, by status and problem type").build();

    @Inject
    MetricRegistry registry;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400) {
            registry.counter(REFUSALS, new Tag("status", Integer.toString(response.getStatus())),
                    new Tag("type", problemType(response.getEntity()))).inc();
        }
    }

    /** "file-too-large" for a problem of type ".../problems/file-too-large"; "none" without problem details. */
    static String problemType(Object entity) {
        JsonObject problem = null;
        if (entity instanceof JsonObject json) {
            problem = json;
        } else if (entity instanceof String text && text.startsWith("{")) {
            try (var reader = Json.createReader(new StringReader(text))) {
                problem = reader.readObject();
            } catch (JsonException | IllegalStateException e) {
                problem = null;
            }
        }
        String type = problem == null ? null : problem.getString("type", null);
        return type == null ? "none" : type.substring(type.lastIndexOf('/') + 1);
    }
}
