package com.voxclone.platform.boundary;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error leaves the API as problem details; unexpected ones are logged with an id the user can quote. Each
 * component maps its own exceptions ({@code *Mapper} in its boundary); this mapper takes what is left, and hands a
 * failure that arrives wrapped (in an {@link EJBException}) to its component's mapper.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    Providers providers;

    @Override
    public Response toResponse(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof Problem p) {
            return p.getResponse();
        }
        if (e != error) {
            // An unwrapped failure goes to the mapper of the component it comes from, if that component has one.
            ExceptionMapper<Throwable> owner = mapperFor(e);
            if (owner != null && !(owner instanceof ProblemMapper)) {
                return owner.toResponse(e);
            }
        }
        if (e instanceof WebApplicationException w) {
            Response.StatusType status = w.getResponse().getStatusInfo();
            return Problem.of(status.getStatusCode(), "http-" + status.getStatusCode(), status.getReasonPhrase(),
                    describe(status.getStatusCode())).response();
        }
        Optional<String> away = ServiceOutage.of(error);
        if (away.isPresent()) {
            LOG.warning(() -> "A request failed because " + away.get() + ": " + error);
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable", "VoxClone "
                    + "cannot reach its " + away.get() + " at the moment. Nothing of this request was kept; try again in a "
                    + "few seconds.").header("Retry-After", Integer.toString(ServiceOutage.RETRY_AFTER_SECONDS)).response();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side. If it persists, give your administrator the incident id " + incident + ".")
                .with("incident", incident).response();
    }

    @SuppressWarnings("unchecked")
    private ExceptionMapper<Throwable> mapperFor(Throwable e) {
        return providers == null ? null : (ExceptionMapper<Throwable>) providers.getExceptionMapper(e.getClass());
    }

    /** The failure inside the container's wrappers (EJB calls, asynchronous completions). */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof EJBException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
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
