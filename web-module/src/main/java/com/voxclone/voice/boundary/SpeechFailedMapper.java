package com.voxclone.voice.boundary;

import com.voxclone.platform.boundary.Problem;
import com.voxclone.quota.boundary.QuotaExceededMapper;
import com.voxclone.quota.entity.Quota;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Why no audio came back from a worker, as the status a client can act on. */
@Provider
public class SpeechFailedMapper implements ExceptionMapper<SpeechFailedException> {

    @Override
    public Response toResponse(SpeechFailedException s) {
        return switch (s.kind()) {
            case NOT_FOUND -> VoiceNotFoundMapper.notFound(s.getMessage());
            case INACTIVE -> VoiceInactiveMapper.conflict(s.getMessage());
            case INVALID -> Problem.of(Response.Status.BAD_REQUEST, "invalid-request", "Invalid request", s.getMessage()).response();
            case QUOTA -> QuotaExceededMapper.problem(Quota.SYNTHESIS_SECONDS_PER_DAY, s.getMessage()).response();
            case TIMEOUT -> Problem.of(Response.Status.GATEWAY_TIMEOUT, "no-worker-answer", "No worker answered", s.getMessage()).response();
            case UNAVAILABLE -> Problem.of(Response.Status.SERVICE_UNAVAILABLE, "broker-unavailable", "Service unavailable", s.getMessage()).response();
            case ENGINE -> Problem.of(Response.Status.BAD_GATEWAY, "synthesis-failed", "Synthesis failed", s.getMessage()).response();
        };
    }
}
