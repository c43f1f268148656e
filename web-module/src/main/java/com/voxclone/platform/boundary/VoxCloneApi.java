package com.voxclone.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API, under {@code /api}. Every call needs an API key, or the portal's session cookie after a sign-in with
 * a company account; only the sign-in calls under {@code /api/auth} are open.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "VoxClone API", version = "1",
        description = "Clone a voice from a recording, follow the job, and speak text with the voice."),
        security = {@SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "portalSession")})
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Authorization: Bearer <API key> (or the header X-API-Key)")
@SecurityScheme(securitySchemeName = "portalSession", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
        apiKeyName = "voxclone_session", description = "The portal's session after a company sign-in (HttpOnly cookie). "
        + "Requests that change something also need the header X-VoxClone-Client and, when the browser sends one, the portal's Origin.")
public class VoxCloneApi extends Application {
}
