package com.voxclone.platform.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.UUID;

/**
 * UUID attributes that may be NULL (references to assets, jobs). The persistence provider's own UUID conversion
 * fails on NULL column values; this one passes them through. Written as text, which PostgreSQL casts to uuid
 * (the data source sends strings untyped).
 */
@Converter(autoApply = true)
public class NullableUuidConverter implements AttributeConverter<UUID, Object> {

    @Override
    public Object convertToDatabaseColumn(UUID value) {
        return value == null ? null : value.toString();
    }

    @Override
    public UUID convertToEntityAttribute(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof UUID uuid ? uuid : UUID.fromString(value.toString());
    }
}
