package com.voxclone.webhook.boundary;

import com.voxclone.webhook.entity.WebhookDelivery;
import com.voxclone.webhook.entity.WebhookEndpoint;
import com.voxclone.platform.entity.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook endpoints and their deliveries in the database. Claiming and recording deliveries each commit on their own, so
 * that several web nodes share the work without sending anything twice (a claimed delivery is leased, not locked).
 */
@Stateless
public class WebhookStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    /** A delivery to send now: where to, signed with what, and what. */
    public record Due(UUID id, String url, String secret, String payload, int attempts) {
    }

    public record Created(WebhookEndpoint endpoint, String secret) {
    }

    public Created create(UUID userId, String url) {
        UUID id = UUID.randomUUID();
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String secret = HexFormat.of().formatHex(key);
        em.createNativeQuery("INSERT INTO webhook_endpoint (id, user_id, url, secret) VALUES (?, ?, ?, ?)")
                .setParameter(1, id).setParameter(2, userId).setParameter(3, url).setParameter(4, secret).executeUpdate();
        return new Created(new WebhookEndpoint(id, url, OffsetDateTime.now()), secret);
    }

    public long count(UUID userId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM webhook_endpoint WHERE user_id = ?")
                .setParameter(1, userId).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    public List<WebhookEndpoint> of(UUID userId) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, url, created_at FROM webhook_endpoint WHERE user_id = ? ORDER BY created_at")
                .setParameter(1, userId).getResultList();
        return rows.stream().map(r -> new WebhookEndpoint((UUID) r[0], (String) r[1], Timestamps.ofColumn(r[2]))).toList();
    }

    public Optional<WebhookEndpoint> find(UUID userId, UUID id) {
        return of(userId).stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Removes the endpoint with its delivery log; false when the user has no such endpoint. */
    public boolean delete(UUID userId, UUID id) {
        return em.createNativeQuery("DELETE FROM webhook_endpoint WHERE id = ? AND user_id = ?")
                .setParameter(1, id).setParameter(2, userId).executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    public List<WebhookDelivery> deliveries(UUID endpointId, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, event, job_id, state, attempts, last_status_code, last_error, "
                        + "created_at, next_attempt_at, delivered_at FROM webhook_delivery WHERE endpoint_id = ? "
                        + "ORDER BY created_at DESC LIMIT ?")
                .setParameter(1, endpointId).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new WebhookDelivery((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3],
                ((Number) r[4]).intValue(), r[5] == null ? null : ((Number) r[5]).intValue(), (String) r[6],
                Timestamps.ofColumn(r[7]), Timestamps.ofColumn(r[8]), Timestamps.ofColumn(r[9]))).toList();
    }

    /**
     * Takes up to {@code limit} deliveries that are due, and leases them for {@code lease}: another node takes them only
     * if this one has not recorded an outcome by then (it stopped while sending).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<Due> claim(int limit, Duration lease) {
        List<Object[]> rows = em.createNativeQuery("UPDATE webhook_delivery d SET next_attempt_at = now() + (? * interval '1 second'), "
                        + "attempts = d.attempts + 1 FROM webhook_endpoint e WHERE e.id = d.endpoint_id AND d.id IN ("
                        + "SELECT id FROM webhook_delivery WHERE state = 'pending' AND next_attempt_at <= now() "
                        + "ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                        + "RETURNING d.id, e.url, e.secret, d.payload, d.attempts")
                .setParameter(1, lease.toSeconds()).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Due((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).intValue())).toList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void delivered(UUID id, int status) {
        em.createNativeQuery("UPDATE webhook_delivery SET state = 'delivered', delivered_at = now(), last_status_code = ?, "
                + "last_error = NULL WHERE id = ?").setParameter(1, status).setParameter(2, id).executeUpdate();
    }

    /** A failed attempt: tried again after {@code retryAfter}, or given up when there is none. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(UUID id, Integer status, String error, Optional<Duration> retryAfter) {
        em.createNativeQuery("UPDATE webhook_delivery SET state = ?, last_status_code = ?, last_error = ?, "
                        + "next_attempt_at = now() + (? * interval '1 second') WHERE id = ?")
                .setParameter(1, retryAfter.isPresent() ? "pending" : "failed").setParameter(2, status)
                .setParameter(3, error).setParameter(4, retryAfter.map(Duration::toSeconds).orElse(0L)).setParameter(5, id)
                .executeUpdate();
    }
}
