package com.voxclone.quota.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.UUID;

/** Milliseconds of speech produced per user and UTC day. Adding is one upsert, safe from several workers at once. */
@ApplicationScoped
public class SynthesisLedger {

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    public long millisOn(UUID userId, LocalDate day) {
        Object ms = em.createNativeQuery("SELECT audio_ms FROM synthesis_usage WHERE user_id = ? AND day = ?")
                .setParameter(1, userId).setParameter(2, day).getResultStream().findFirst().orElse(0L);
        return ((Number) ms).longValue();
    }

    public void add(UUID userId, LocalDate day, long millis) {
        em.createNativeQuery("INSERT INTO synthesis_usage (user_id, day, audio_ms) VALUES (?, ?, ?) "
                        + "ON CONFLICT (user_id, day) DO UPDATE SET audio_ms = synthesis_usage.audio_ms + EXCLUDED.audio_ms")
                .setParameter(1, userId).setParameter(2, day).setParameter(3, millis).executeUpdate();
    }
}
