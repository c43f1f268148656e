package com.voxclone.integration.control;

import com.voxclone.integration.entity.JmsClient;
import com.voxclone.platform.entity.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Integration accounts in the database (the password is only in the broker). Each call commits on its own. */
@Stateless
public class JmsClientStore {

    private static final String COLUMNS = "SELECT id, name, user_id, username, created_at, revoked_at FROM jms_client ";

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    public JmsClient insert(String name, UUID userId, String username) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO jms_client (id, name, user_id, username) VALUES (?, ?, ?, ?)")
                .setParameter(1, id).setParameter(2, name).setParameter(3, userId).setParameter(4, username).executeUpdate();
        return find(id).orElseThrow();
    }

    public List<JmsClient> all() {
        return rows(em.createNativeQuery(COLUMNS + "ORDER BY created_at").getResultList());
    }

    public Optional<JmsClient> find(UUID id) {
        return rows(em.createNativeQuery(COLUMNS + "WHERE id = ?").setParameter(1, id).getResultList()).stream().findFirst();
    }

    /** The account signed on as {@code username}, unless it was revoked. */
    public Optional<JmsClient> active(String username) {
        return rows(em.createNativeQuery(COLUMNS + "WHERE username = ? AND revoked_at IS NULL").setParameter(1, username)
                .getResultList()).stream().findFirst();
    }

    /** Marks the account revoked; false when it was revoked already. */
    public boolean revoke(UUID id) {
        return em.createNativeQuery("UPDATE jms_client SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")
                .setParameter(1, id).executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    private static List<JmsClient> rows(List<?> rows) {
        return ((List<Object[]>) rows).stream().map(r -> new JmsClient((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3],
                Timestamps.ofColumn(r[4]), Timestamps.ofColumn(r[5]))).toList();
    }
}
