package com.voxclone.quota.boundary;

import com.voxclone.quota.entity.Quota;
import jakarta.ejb.ApplicationException;

/** A request would take a user past one of their quotas; nothing of it was kept. */
@ApplicationException(rollback = true)
public class QuotaExceededException extends RuntimeException {

    private final Quota quota;
    private final long limit;
    private final long used;

    public QuotaExceededException(Quota quota, long limit, long used, String message) {
        super(message);
        this.quota = quota;
        this.limit = limit;
        this.used = used;
    }

    public Quota quota() {
        return quota;
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used;
    }
}
