package com.voxclone.account.entity;

import com.voxclone.platform.entity.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A company sign-in under way: what the browser's return from the identity provider is checked against. Found by
 * the hash of the state the provider hands back; used once.
 */
@Entity
@Table(name = "sign_in_attempt")
@NamedQuery(name = SignInAttempt.DELETE_STARTED_BEFORE, query = "DELETE FROM SignInAttempt a WHERE a.createdAt < :before")
public class SignInAttempt {

    public static final String DELETE_STARTED_BEFORE = "SignInAttempt.deleteStartedBefore";

    @Id
    @Column(name = "state_hash", length = 64)
    private String stateHash;

    @Column(nullable = false, length = 100)
    private String nonce;

    @Column(name = "code_verifier", nullable = false, length = 128)
    private String codeVerifier;

    @Column(name = "redirect_uri", nullable = false, length = 1000)
    private String redirectUri;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected SignInAttempt() {
    }

    public SignInAttempt(String stateHash, String nonce, String codeVerifier, String redirectUri) {
        this.stateHash = stateHash;
        this.nonce = nonce;
        this.codeVerifier = codeVerifier;
        this.redirectUri = redirectUri;
        this.createdAt = Timestamps.now();
    }

    public String getNonce() {
        return nonce;
    }

    public String getCodeVerifier() {
        return codeVerifier;
    }

    public String getRedirectUri() {
        return redirectUri;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
