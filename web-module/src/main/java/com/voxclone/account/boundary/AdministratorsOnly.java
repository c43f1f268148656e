package com.voxclone.account.boundary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource (class or method) that only administrators may call, wherever it is mounted; {@link CallerAuthentication}
 * answers 403 to everyone else. Our own marker rather than {@code @RolesAllowed}: the server would take that one as a
 * request for its own HTTP authentication and challenge API-key callers before our filter could check their key.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdministratorsOnly {
}
