package com.voxclone.platform.boundary;

import com.voxclone.platform.entity.JsonDepth;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the JSON object bodies of the API. Something that is not a JSON object (an array, a number, broken JSON) is
 * answered 400 with what was wrong, before any resource sees it; an empty body reads as no object (null), which each
 * resource answers by naming the fields it needs. Bodies are small: past {@value #MAX_BYTES} bytes, 413; and shallow:
 * nested deeper than {@value #MAX_DEPTH} levels, 400 (checked before parsing: the parser itself gives up deeper down
 * with an error that is not a JSON error).
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonObjectReader implements MessageBodyReader<JsonObject> {

    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_DEPTH = JsonDepth.MAX;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                               MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        byte[] body = entity.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            throw Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large", "Body too large",
                    "A JSON body may be at most " + MAX_BYTES / 1024 + " kB.").build();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        if (JsonDepth.tooDeep(text)) {
            throw invalid("The body is nested more than " + MAX_DEPTH + " levels deep; the API's bodies are flat objects.");
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue read = reader.readValue();
            if (read instanceof JsonObject object) {
                return object;
            }
            throw invalid("The body must be a JSON object ({...}), not a JSON "
                    + read.getValueType().name().toLowerCase(Locale.ROOT).replace("true", "boolean").replace("false", "boolean") + ".");
        } catch (JsonException e) {
            throw invalid("The body is not valid JSON: " + e.getMessage());
        }
    }

    private static Problem invalid(String detail) {
        return Problem.of(Response.Status.BAD_REQUEST, "invalid-json", "Invalid JSON", detail).build();
    }
}
