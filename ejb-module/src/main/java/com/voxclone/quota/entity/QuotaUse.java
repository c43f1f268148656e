package com.voxclone.quota.entity;

/** One quota of one user: its limit, how much is used and whether an administrator set the limit for this user. */
public record QuotaUse(Quota quota, long limit, long used, boolean setForUser) {

    public long remaining() {
        return Math.max(0, limit - used);
    }
}
