package com.voxclone.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.voxclone.audio.boundary.MediaRejectedException;
import com.voxclone.audio.boundary.MediaRejectedMapper;
import com.voxclone.voice.boundary.VoiceNotFoundException;
import com.voxclone.voice.boundary.VoiceNotFoundMapper;
import jakarta.ejb.EJBException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Providers;
import java.io.StringReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Errors leave as problem details: a component's exception wrapped by the container reaches that component's mapper,
 * and anything unexpected becomes a 500 with an incident id instead of a stack trace.
 */
class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    @BeforeEach
    void providers() {
        mapper.providers = mock(Providers.class);
        when(mapper.providers.getExceptionMapper(any())).thenAnswer(i -> mapperFor(i.getArgument(0)));
    }

    private ExceptionMapper<?> mapperFor(Class<?> type) {
        if (MediaRejectedException.class.isAssignableFrom(type)) {
            return new MediaRejectedMapper();
        }
        if (VoiceNotFoundException.class.isAssignableFrom(type)) {
            return new VoiceNotFoundMapper();
        }
        return mapper;
    }

    @Test
    void aWrappedMediaRejectionIsAnsweredByTheAudioComponentsMapper() {
        Response r = mapper.toResponse(new EJBException(MediaRejectedException.tooLarge(60_000_000, 52_428_800)));

        assertEquals(413, r.getStatus());
        assertEquals(Problem.PROBLEM_JSON, r.getMediaType());
        assertEquals(60_000_000, body(r).getJsonNumber("measuredBytes").longValue());
    }

    @Test
    void aWrappedUnknownVoiceIsNotFound() {
        Response r = mapper.toResponse(new EJBException(new VoiceNotFoundException("voice_x")));

        assertEquals(404, r.getStatus());
        assertEquals("There is no voice 'voice_x'.", body(r).getString("detail"));
    }

    @Test
    void anUnexpectedErrorIsAServerErrorWithAnIncidentIdAndNoInternals() {
        Response r = mapper.toResponse(new EJBException(new NullPointerException("p is null")));

        JsonObject body = body(r);
        assertEquals(500, r.getStatus());
        assertTrue(body.getString("detail").contains(body.getString("incident")));
        assertTrue(!body.toString().contains("p is null"), body.toString());
    }

    @Test
    void anHttpErrorOfTheFrameworkExplainsWhereTheApiIs() {
        Response r = mapper.toResponse(new NotFoundException());

        assertEquals(404, r.getStatus());
        assertTrue(body(r).getString("detail").contains("/api/public/voice/"));
    }

    private static JsonObject body(Response r) {
        try (var reader = Json.createReader(new StringReader((String) r.getEntity()))) {
            return reader.readObject();
        }
    }
}
