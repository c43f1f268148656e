package com.voxclone.web.problem;

import com.voxclone.audio.entity.MediaRejectedException;
import com.voxclone.voice.boundary.VoiceNotFoundException;
import com.voxclone.voice.control.SpeechFailedException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error leaves the API as problem details; unexpected ones are logged with an id the user can quote. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof Problem p) {
            return p.getResponse();
        }
        if (e instanceof MediaRejectedException m) {
            return media(m);
        }
        if (e instanceof VoiceNotFoundException v) {
            return Problem.notFound(v.getMessage()).getResponse();
        }
        if (e instanceof SpeechFailedException s) {
            return speech(s);
        }
        if (e instanceof WebApplicationException w) {
            Response.StatusType status = w.getResponse().getStatusInfo();
            return Problem.of(status.getStatusCode(), "http-" + status.getStatusCode(), status.getReasonPhrase(),
                    describe(status.getStatusCode())).response();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side. If it persists, give your administrator the incident id " + incident + ".")
                .with("incident", incident).response();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof EJBException || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static Response media(MediaRejectedException m) {
        Problem.Builder p = switch (m.reason()) {
            case EMPTY -> Problem.of(Response.Status.BAD_REQUEST, "empty-file", "Empty file", m.getMessage());
            case TOO_LARGE -> Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "file-too-large", "File too large", m.getMessage());
            case UNSUPPORTED_TYPE -> Problem.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported file type", m.getMessage());
            case UNDECODABLE -> Problem.of(422, "undecodable-media", "The file could not be decoded", m.getMessage());
            case NO_AUDIO -> Problem.of(422, "no-audio-track", "No audio track", m.getMessage());
            case TOO_SHORT, TOO_LONG -> Problem.of(422, "duration-out-of-range", "Recording too " + (m.reason()
                    == MediaRejectedException.Reason.TOO_SHORT ? "short" : "long"), m.getMessage());
        };
        if (m.measuredSeconds() != null) {
            p.with("measuredSeconds", Math.round(m.measuredSeconds() * 100) / 100.0);
        }
        if (m.measuredBytes() != null) {
            p.with("measuredBytes", m.measuredBytes());
        }
        return p.response();
    }

    private static Response speech(SpeechFailedException s) {
        return switch (s.kind()) {
            case NOT_FOUND -> Problem.notFound(s.getMessage()).getResponse();
            case TIMEOUT -> Problem.of(Response.Status.GATEWAY_TIMEOUT, "no-worker-answer", "No worker answered", s.getMessage()).response();
            case UNAVAILABLE -> Problem.of(Response.Status.SERVICE_UNAVAILABLE, "broker-unavailable", "Service unavailable", s.getMessage()).response();
            case ENGINE -> Problem.of(Response.Status.BAD_GATEWAY, "synthesis-failed", "Synthesis failed", s.getMessage()).response();
        };
    }

    private static String describe(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address. The API lives under /api/public/voice/ and /api/admin/.";
            case 405 -> "This address does not accept this HTTP method.";
            case 406 -> "The requested response type is not available here.";
            case 415 -> "The request body type is not accepted here; see the API documentation at /openapi.";
            case 401 -> "An API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.";
            case 403 -> "Your API key does not allow this.";
            default -> Arrays.stream(Response.Status.values()).filter(s -> s.getStatusCode() == status)
                    .findFirst().map(Response.Status::getReasonPhrase).orElse("Request failed") + ".";
        };
    }
}
