package com.voxclone.consent.boundary;

import com.voxclone.platform.boundary.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** No consent where the policy needs one: 400; a consent that cannot be used (unknown, expired, used): 409. */
@Provider
public class ConsentUnusableMapper implements ExceptionMapper<ConsentUnusableException> {

    @Override
    public Response toResponse(ConsentUnusableException e) {
        return switch (e.reason()) {
            case MISSING -> Problem.of(Response.Status.BAD_REQUEST, "consent-required", "Spoken consent required", e.getMessage())
                    .with("field", ConsentGate.FIELD).response();
            case UNKNOWN, UNUSABLE -> Problem.of(Response.Status.CONFLICT, "consent-unusable", "Consent cannot be used",
                    e.getMessage()).with("field", ConsentGate.FIELD).response();
        };
    }
}
