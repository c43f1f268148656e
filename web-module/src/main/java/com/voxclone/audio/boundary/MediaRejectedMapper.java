package com.voxclone.audio.boundary;

import com.voxclone.platform.boundary.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A recording that was refused: the status says why (size, type, decoding, duration), with what was measured. */
@Provider
public class MediaRejectedMapper implements ExceptionMapper<MediaRejectedException> {

    @Override
    public Response toResponse(MediaRejectedException m) {
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
}
