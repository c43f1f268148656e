package com.voxclone.platform.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/**
 * The record of requests sent with an {@code Idempotency-Key}, per user. Each step commits on its own: the claim must be
 * visible to a concurrent retry before the work starts, and must survive the work's own transaction failing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class IdempotentRequests {

    /** How long an answer is kept for retries. */
    static final String KEPT = "24 hours";

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    /** An answer given before: its status, JSON body and Location. */
    public record Answer(int status, String body, String location) {
    }

    /** What is known of a key: nothing (the caller now holds it), a request still running, or its answer. */
    public sealed interface Claim {
        record Claimed() implements Claim {
        }

        record Running() implements Claim {
        }

        record Answered(Answer answer) implements Claim {
        }

        record OtherRequest() implements Claim {
        }
    }

    /** Takes the key for the request with {@code fingerprint}, or tells what it was used for. */
    public Claim claim(UUID userId, String key, String fingerprint) {
        em.createNativeQuery("DELETE FROM idempotent_request WHERE user_id = ? AND idem_key = ? AND created_at < now() - interval '"
                + KEPT + "'").setParameter(1, userId).setParameter(2, key).executeUpdate();
        int inserted = em.createNativeQuery("INSERT INTO idempotent_request (user_id, idem_key, fingerprint) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING").setParameter(1, userId).setParameter(2, key).setParameter(3, fingerprint).executeUpdate();
        if (inserted == 1) {
            return new Claim.Claimed();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT fingerprint, status_code, response_body, location FROM idempotent_request "
                + "WHERE user_id = ? AND idem_key = ?").setParameter(1, userId).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            // Expired and removed between the two statements by another request's claim: try again.
            return claim(userId, key, fingerprint);
        }
        Object[] row = rows.get(0);
        if (!fingerprint.equals(row[0])) {
            return new Claim.OtherRequest();
        }
        return row[1] == null ? new Claim.Running()
                : new Claim.Answered(new Answer(((Number) row[1]).intValue(), (String) row[2], (String) row[3]));
    }

    /** Keeps the answer to the claimed request. */
    public void answered(UUID userId, String key, Answer answer) {
        em.createNativeQuery("UPDATE idempotent_request SET status_code = ?, response_body = ?, location = ? "
                        + "WHERE user_id = ? AND idem_key = ?")
                .setParameter(1, answer.status()).setParameter(2, answer.body()).setParameter(3, answer.location())
                .setParameter(4, userId).setParameter(5, key).executeUpdate();
    }

    /** Gives the key up after the request failed: a retry with it runs again. */
    public void release(UUID userId, String key) {
        em.createNativeQuery("DELETE FROM idempotent_request WHERE user_id = ? AND idem_key = ? AND status_code IS NULL")
                .setParameter(1, userId).setParameter(2, key).executeUpdate();
    }

    /** Forgets answers older than a day ({@link IdempotencyHousekeeping} asks every hour). */
    public void forgetExpired() {
        em.createNativeQuery("DELETE FROM idempotent_request WHERE created_at < now() - interval '" + KEPT + "'").executeUpdate();
    }
}
