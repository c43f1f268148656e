package com.voxclone.audit.boundary;

import com.voxclone.account.entity.Caller;
import com.voxclone.audit.entity.WayIn;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every administrator's change that succeeded goes into the audit trail: user and key changes, quotas, integration
 * accounts, consent overrides, job retries and cancellations, dead letters. One place for all of them, so that a new
 * administration resource is audited without remembering to.
 */
@Provider
public class AdministrationAudit implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AdministrationAudit.class.getName());
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** admin/{area}/{a user's id}/...: the user the change concerns. */
    private static final Pattern PATH = Pattern.compile("^/?admin/([a-z-]+)(?:/([0-9a-fA-F-]{36}))?.*");

    @Inject
    AuditTrail audit;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        Matcher path = PATH.matcher(request.getUriInfo().getPath());
        if (READS.contains(method) || !path.matches() || response.getStatus() >= 400
                || !(request.getSecurityContext().getUserPrincipal() instanceof Caller admin)) {
            return;
        }
        String area = path.group(1);
        UUID subject = "users".equals(area) && path.group(2) != null ? UUID.fromString(path.group(2)) : null;
        try {
            audit.record("admin." + area + "." + method.toLowerCase(Locale.ROOT), WayIn.HTTP, admin.userId(), subject, null,
                    method + " /api/" + request.getUriInfo().getPath().replaceFirst("^/", "") + " -> " + response.getStatus());
        } catch (RuntimeException e) {
            // The change is done; losing its audit entry must be seen by operators, not hidden from the administrator.
            LOG.log(Level.SEVERE, "Could not write the audit entry for " + method + " " + request.getUriInfo().getPath()
                    + " by administrator " + admin.userId(), e);
        }
    }
}
