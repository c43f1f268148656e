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
public class User {

    public static final String COUNT_ADMINS = "User.countAdmins";
    public static final String ALL = "User.all";

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

    protected User() {
    }

    public User(String name, Role role) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.role = role;
        this.createdAt = Timestamps.now();
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
}
