package com.voxclone.voice.boundary;

import com.voxclone.platform.boundary.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A deactivated voice asked to speak: 409, naming the state and how to change it. */
@Provider
public class VoiceInactiveMapper implements ExceptionMapper<VoiceInactiveException> {

    @Override
    public Response toResponse(VoiceInactiveException e) {
        return conflict(e.getMessage());
    }

    static Response conflict(String detail) {
        return Problem.of(Response.Status.CONFLICT, "voice-inactive", "Voice deactivated", detail).with("state", "inactive").response();
    }
}
