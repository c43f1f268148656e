package com.voxclone.audit.boundary;

import com.voxclone.account.entity.AccountChanged;
import com.voxclone.audit.entity.AuditEvent;
import com.voxclone.audit.entity.WayIn;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Records what happened, in the caller's transaction where there is one (an event and the change it records commit
 * together), and finds it again for administrators.
 */
@Stateless
public class AuditTrail {

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    public void record(AuditEvent event) {
        em.persist(event);
    }

    /** An account created or changed without an administrator's request (administrators' changes are recorded as theirs). */
    public void accountChanged(@Observes AccountChanged change) {
        record(change.action(), WayIn.HTTP, change.userId(), change.userId(), null, change.detail());
    }

    /** Shorthand for an event without text. */
    public void record(String action, WayIn wayIn, UUID actorId, UUID userId, String voiceId, String detail) {
        record(new AuditEvent(action, wayIn, actorId, userId, voiceId, null, detail));
    }

    /** What administrators search by; empty members match everything. */
    public record Filter(Optional<UUID> userId, Optional<UUID> actorId, Optional<String> voiceId, Optional<String> action,
            Optional<OffsetDateTime> from, Optional<OffsetDateTime> to, Optional<Long> watermarkId) {

        /** The events of the output that carries watermark {@code id}. */
        public static Filter byWatermark(long id) {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(id));
        }
    }

    /** The newest events matching {@code filter} first, at most {@code limit}. */
    public List<AuditEvent> search(Filter filter, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        filter.userId().ifPresent(v -> add(conditions, parameters, "e.userId = :userId", "userId", v));
        filter.actorId().ifPresent(v -> add(conditions, parameters, "e.actorId = :actorId", "actorId", v));
        filter.voiceId().ifPresent(v -> add(conditions, parameters, "e.voiceId = :voiceId", "voiceId", v));
        // An action or a family of actions: "consent" finds consent.verified, consent.refused, ...
        filter.action().ifPresent(v -> {
            add(conditions, parameters, "(e.action = :action OR e.action LIKE :family)", "action", v);
            parameters.put("family", v.replace("%", "").replace("_", "") + ".%");
        });
        filter.from().ifPresent(v -> add(conditions, parameters, "e.at >= :from", "from", v));
        filter.to().ifPresent(v -> add(conditions, parameters, "e.at < :to", "to", v));
        filter.watermarkId().ifPresent(v -> add(conditions, parameters, "e.watermarkId = :watermarkId", "watermarkId", v));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        TypedQuery<AuditEvent> query = em.createQuery("SELECT e FROM AuditEvent e" + where + " ORDER BY e.id DESC", AuditEvent.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    private static void add(List<String> conditions, Map<String, Object> parameters, String condition, String name, Object value) {
        conditions.add(condition);
        parameters.put(name, value);
    }
}
