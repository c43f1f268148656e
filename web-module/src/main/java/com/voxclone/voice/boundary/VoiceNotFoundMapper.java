package com.voxclone.voice.boundary;

import com.voxclone.platform.boundary.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** No such voice for this caller: 404, the same for another user's voice. */
@Provider
public class VoiceNotFoundMapper implements ExceptionMapper<VoiceNotFoundException> {

    @Override
    public Response toResponse(VoiceNotFoundException e) {
        return notFound(e.getMessage());
    }

    static Response notFound(String detail) {
        return Problem.of(Response.Status.NOT_FOUND, "voice-not-found", "Not found", detail).response();
    }
}
