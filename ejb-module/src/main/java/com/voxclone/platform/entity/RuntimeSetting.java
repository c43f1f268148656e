package com.voxclone.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A setting an administrator changed while the product runs; it overrides the deployment's configuration. */
@Entity
@Table(name = "runtime_setting")
public class RuntimeSetting {

    @Id
    private String name;

    @Column(nullable = false)
    private String value;

    @Column(name = "updated_by")
    private UUID updatedBy;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected RuntimeSetting() {
    }

    public RuntimeSetting(String name, String value, UUID updatedBy) {
        this.name = name;
        change(value, updatedBy);
    }

    public void change(String value, UUID updatedBy) {
        this.value = value;
        this.updatedBy = updatedBy;
        this.updatedAt = Timestamps.now();
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    public UUID getUpdatedBy() {
        return updatedBy;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }
}
