package com.voxclone.account.entity;

import com.voxclone.platform.entity.LowerCaseEnumConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class RoleConverter extends LowerCaseEnumConverter<Role> {
    public RoleConverter() {
        super(Role.class);
    }
}
