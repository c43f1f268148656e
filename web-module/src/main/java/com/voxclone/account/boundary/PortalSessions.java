package com.voxclone.account.boundary;

import com.voxclone.account.control.SecretTokens;
import com.voxclone.account.entity.AccountChanged;
import com.voxclone.account.entity.Caller;
import com.voxclone.account.entity.CompanyIdentity;
import com.voxclone.account.entity.PortalSession;
import com.voxclone.account.entity.Role;
import com.voxclone.account.entity.SignInAttempt;
import com.voxclone.account.entity.User;
import com.voxclone.platform.entity.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Company sign-in on the server side: the attempts under way (state, nonce, PKCE verifier), finding or
 * provisioning the user of a company account, and the portal sessions that follow. Tokens are returned once in
 * clear text; only their hashes are stored.
 */
@Stateless
public class PortalSessions {

    @Inject
    Event<AccountChanged> changes;

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    /** Remembers a sign-in that leaves for the identity provider; {@code state} is what comes back with it. */
    public void startAttempt(String state, String nonce, String codeVerifier, String redirectUri, Duration maxAge) {
        // Attempts that were abandoned are removed here rather than by a timer: each start cleans up after others.
        em.createNamedQuery(SignInAttempt.DELETE_STARTED_BEFORE).setParameter("before", Timestamps.now().minus(maxAge))
                .executeUpdate();
        em.persist(new SignInAttempt(SecretTokens.hash(state), nonce, codeVerifier, redirectUri));
    }

    /** The attempt that sent {@code state}, removed so that it cannot be used again; empty when unknown or too old. */
    public Optional<SignInAttempt> takeAttempt(String state, Duration maxAge) {
        SignInAttempt attempt = em.find(SignInAttempt.class, SecretTokens.hash(state));
        if (attempt == null) {
            return Optional.empty();
        }
        em.remove(attempt);
        return attempt.getCreatedAt().isBefore(Timestamps.now().minus(maxAge)) ? Optional.empty() : Optional.of(attempt);
    }

    /**
     * Finds the user of a company account (or creates one on the first sign-in), gives them the name and role the
     * identity provider vouches for now, and opens a session.
     *
     * @return the session, or empty when the user has been disabled
     */
    public Optional<OpenedSession> open(CompanyIdentity identity, Role role, Duration lifetime) {
        User user = em.createNamedQuery(User.BY_COMPANY_IDENTITY, User.class)
                .setParameter("issuer", identity.issuer()).setParameter("subject", identity.subject())
                .getResultStream().findFirst().orElse(null);
        if (user == null) {
            user = User.ofCompanyAccount(identity, role);
            em.persist(user);
            em.flush();
            changes.fire(new AccountChanged("user.created", user.getId(), "first sign-in with a company account of "
                    + identity.issuer() + ", role " + role.value()));
        } else if (!user.isActive()) {
            return Optional.empty();
        } else {
            Role before = user.getRole();
            user.refreshFromCompanyAccount(identity, role);
            if (before != role) {
                changes.fire(new AccountChanged("user.role-changed", user.getId(), "role " + before.value() + " -> "
                        + role.value() + ", from the groups the company's identity provider sent at sign-in"));
            }
        }
        OffsetDateTime now = Timestamps.now();
        em.createNamedQuery(PortalSession.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
        String token = SecretTokens.random();
        PortalSession session = new PortalSession(user, SecretTokens.hash(token), now.plus(lifetime));
        em.persist(session);
        return Optional.of(new OpenedSession(token, new Caller(user.getId(), user.getName(), user.getRole()), session.getExpiresAt()));
    }

    /** A session's token (for the cookie, shown once), its user, and when it ends. */
    public record OpenedSession(String token, Caller caller, OffsetDateTime expiresAt) {
    }

    /** The caller of a live session; empty when the token is unknown, expired or its user disabled. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        OffsetDateTime now = Timestamps.now();
        return em.createNamedQuery(PortalSession.BY_HASH, PortalSession.class).setParameter("hash", SecretTokens.hash(token))
                .getResultStream().findFirst()
                .filter(s -> !s.isExpired(now) && s.getUser().isActive())
                .map(s -> new Caller(s.getUser().getId(), s.getUser().getName(), s.getUser().getRole()));
    }

    /** Ends the session of {@code token}; nothing happens when there is none. */
    public void close(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        em.createNamedQuery(PortalSession.BY_HASH, PortalSession.class).setParameter("hash", SecretTokens.hash(token))
                .getResultStream().findFirst().ifPresent(em::remove);
    }
}
