package com.voxclone.account.entity;

import java.util.UUID;

/**
 * Announced (a CDI event, in the change's transaction) when an account is created or its role changes without an
 * administrator's request, e.g. at a sign-in with a company account: the audit trail records it.
 *
 * @param action what happened: {@code user.created} or {@code user.role-changed}
 */
public record AccountChanged(String action, UUID userId, String detail) {
}
