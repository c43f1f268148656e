package com.voxclone.account.entity;

import com.voxclone.platform.entity.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "app_user")
@NamedQuery(name = User.COUNT_ADMINS, query = "SELECT COUNT(u) FROM User u WHERE u.role = com.voxclone.account.entity.Role.ADMIN AND u.disabledAt IS NULL")
@NamedQuery(name = User.ALL, query = "SELECT u FROM User u ORDER BY u.createdAt")
@NamedQuery(name = User.BY_COMPANY_IDENTITY, query = "SELECT u FROM User u WHERE u.oidcIssuer = :issuer AND u.oidcSubject = :subject")
public class User {

    public static final String COUNT_ADMINS = "User.countAdmins";
    public static final String ALL = "User.all";
    public static final String BY_COMPANY_IDENTITY = "User.byCompanyIdentity";

    @Id
    private UUID id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "disabled_at")
    private OffsetDateTime disabledAt;

    /** Set for users who sign in with a company account: the identity provider and their id there. */
    @Column(name = "oidc_issuer", length = 500)
    private String oidcIssuer;

    @Column(name = "oidc_subject", length = 255)
    private String oidcSubject;

    protected User() {
    }

    public User(String name, Role role) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.role = role;
        this.createdAt = Timestamps.now();
    }

    /** A user who signs in with a company account; name and role come from the identity provider. */
    public static User ofCompanyAccount(CompanyIdentity identity, Role role) {
        User user = new User(identity.displayName(), role);
        user.oidcIssuer = identity.issuer();
        user.oidcSubject = identity.subject();
        return user;
    }

    /** On every company sign-in the identity provider's name and group membership win over what was stored. */
    public void refreshFromCompanyAccount(CompanyIdentity identity, Role role) {
        this.name = identity.displayName();
        this.role = role;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Role getRole() {
        return role;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getDisabledAt() {
        return disabledAt;
    }

    public boolean isActive() {
        return disabledAt == null;
    }

    /** From now on none of the user's keys or sessions is accepted; nothing of theirs is deleted. */
    public void disable() {
        if (disabledAt == null) {
            disabledAt = Timestamps.now();
        }
    }

    public void enable() {
        disabledAt = null;
    }
}
