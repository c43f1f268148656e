package com.voxclone.account.entity;

import com.voxclone.platform.entity.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A portal session opened by a company sign-in. Only the SHA-256 hash of the cookie's token is stored. */
@Entity
@Table(name = "portal_session")
@NamedQuery(name = PortalSession.BY_HASH, query = "SELECT s FROM PortalSession s JOIN FETCH s.user WHERE s.tokenHash = :hash")
@NamedQuery(name = PortalSession.DELETE_EXPIRED, query = "DELETE FROM PortalSession s WHERE s.expiresAt < :now")
public class PortalSession {

    public static final String BY_HASH = "PortalSession.byHash";
    public static final String DELETE_EXPIRED = "PortalSession.deleteExpired";

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private User user;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    protected PortalSession() {
    }

    public PortalSession(User user, String tokenHash, OffsetDateTime expiresAt) {
        this.id = UUID.randomUUID();
        this.user = user;
        this.tokenHash = tokenHash;
        this.createdAt = Timestamps.now();
        this.expiresAt = expiresAt;
    }

    public User getUser() {
        return user;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public boolean isExpired(OffsetDateTime now) {
        return !expiresAt.isAfter(now);
    }
}
