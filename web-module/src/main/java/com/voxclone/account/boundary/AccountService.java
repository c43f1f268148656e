package com.voxclone.account.boundary;

import com.voxclone.account.control.ApiKeys;
import com.voxclone.account.entity.ApiKey;
import com.voxclone.account.entity.Caller;
import com.voxclone.account.entity.Role;
import com.voxclone.account.entity.User;
import com.voxclone.platform.entity.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users and their API keys. */
@Stateless
public class AccountService {

    /** last_used_at is refreshed at most this often per key, so authentication rarely writes. */
    private static final Duration USE_RECORDING_INTERVAL = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    /** A new user and their first key. The key is returned once and only its hash is kept. */
    public NewAccount createUser(String name, Role role) {
        User user = new User(name.strip(), role);
        em.persist(user);
        return new NewAccount(user, issueKey(user, ApiKeys.generate()));
    }

    /** A user, the key's id, and the key in clear text (shown to the caller once). */
    public record NewAccount(User user, IssuedKey key) {
    }

    public record IssuedKey(UUID keyId, String apiKey) {
    }

    public IssuedKey issueKey(UUID userId) {
        User user = em.find(User.class, userId);
        if (user == null) {
            throw new IllegalArgumentException("no user " + userId);
        }
        return issueKey(user, ApiKeys.generate());
    }

    private IssuedKey issueKey(User user, String key) {
        ApiKey apiKey = new ApiKey(user, ApiKeys.hash(key), ApiKeys.displayPrefix(key));
        em.persist(apiKey);
        return new IssuedKey(apiKey.getId(), key);
    }

    public Optional<Caller> authenticate(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        return em.createNamedQuery(ApiKey.BY_HASH, ApiKey.class).setParameter("hash", ApiKeys.hash(key.strip()))
                .getResultStream().findFirst()
                .filter(k -> !k.isRevoked() && k.getUser().isActive())
                .map(k -> {
                    OffsetDateTime now = Timestamps.now();
                    if (k.getLastUsedAt() == null || k.getLastUsedAt().isBefore(now.minus(USE_RECORDING_INTERVAL))) {
                        k.markUsed(now);
                    }
                    User u = k.getUser();
                    return new Caller(u.getId(), u.getName(), u.getRole());
                });
    }

    /**
     * Disables or enables a user. A disabled user's keys and sessions stop working with the next request, since every
     * request is authenticated against the stored state. The last active administrator cannot be disabled: nobody
     * could enable anyone again.
     *
     * @throws IllegalArgumentException when there is no such user
     * @throws IllegalStateException    when it is the last active administrator
     */
    public User setActive(UUID userId, boolean active) {
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw new IllegalArgumentException("no user " + userId);
        }
        if (active) {
            user.enable();
            return user;
        }
        if (user.isActive() && user.getRole() == Role.ADMIN
                && em.createNamedQuery(User.COUNT_ADMINS, Long.class).getSingleResult() <= 1) {
            throw new IllegalStateException("this is the last active administrator; make someone else an administrator first");
        }
        user.disable();
        return user;
    }

    public boolean revokeKey(UUID keyId) {
        ApiKey key = em.find(ApiKey.class, keyId);
        if (key == null) {
            return false;
        }
        key.revoke();
        return true;
    }

    public Optional<User> user(UUID userId) {
        return Optional.ofNullable(em.find(User.class, userId));
    }

    public List<User> users() {
        return em.createNamedQuery(User.ALL, User.class).getResultList();
    }

    public List<ApiKey> keysOf(UUID userId) {
        return em.createQuery("SELECT k FROM ApiKey k WHERE k.user.id = :userId ORDER BY k.createdAt", ApiKey.class)
                .setParameter("userId", userId).getResultList();
    }

    /**
     * On a fresh installation, creates the first administrator: with {@code configuredKey} when given, otherwise
     * with a generated key that is returned for the caller to hand over.
     *
     * @return the generated key, or empty when an administrator exists or the configured key was used
     */
    public Optional<String> ensureAdministrator(Optional<String> configuredKey) {
        // Serialise concurrent first starts of several nodes.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(7235101)").getSingleResult();
        long admins = em.createNamedQuery(User.COUNT_ADMINS, Long.class).getSingleResult();
        if (admins > 0) {
            return Optional.empty();
        }
        User admin = new User("Administrator", Role.ADMIN);
        em.persist(admin);
        String key = configuredKey.orElseGet(ApiKeys::generate);
        issueKey(admin, key);
        return configuredKey.isPresent() ? Optional.empty() : Optional.of(key);
    }
}
