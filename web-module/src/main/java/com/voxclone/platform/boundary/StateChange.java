package com.voxclone.platform.boundary;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * An administrator's change to one thing, answered as the API answers such changes: the thing does not exist
 * ({@link IllegalArgumentException}) → 404; its state does not allow the change ({@link IllegalStateException}) →
 * 409 with the reason. The services throw these as plain exceptions; the container hands them over wrapped.
 */
public final class StateChange {

    private StateChange() {
    }

    /**
     * @param what         the kind of thing, for the 404 ("job", "user")
     * @param id           its id as the caller gave it
     * @param conflictType the problem type of the 409
     */
    public static <T> T apply(Supplier<T> change, String what, String id, String conflictType) {
        try {
            return change.get();
        } catch (RuntimeException e) {
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalArgumentException) {
                throw Problem.notFound("There is no " + what + " '" + id + "'.");
            }
            if (cause instanceof IllegalStateException) {
                throw Problem.of(Response.Status.CONFLICT, conflictType, "Not possible in this state",
                        capitalize(cause.getMessage()) + ".").build();
            }
            throw e;
        }
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
