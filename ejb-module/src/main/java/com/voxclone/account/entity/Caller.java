package com.voxclone.account.entity;

import java.security.Principal;
import java.util.UUID;

/** The authenticated user behind a request. */
public record Caller(UUID userId, String name, Role role) implements Principal {

    @Override
    public String getName() {
        return userId.toString();
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
