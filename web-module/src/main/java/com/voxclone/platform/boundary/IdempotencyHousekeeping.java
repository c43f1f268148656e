package com.voxclone.platform.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Every hour, forgets the answers to idempotent requests that are older than a day. The timer runs without a
 * transaction and the deletion in one of its own, so a database outage at that minute fails one turn, not the timer.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdempotencyHousekeeping {

    private static final Logger LOG = Logger.getLogger(IdempotencyHousekeeping.class.getName());
    private static final RepeatingWork FORGETTING = new RepeatingWork(LOG, "Forgetting expired idempotency keys");

    @Inject
    IdempotentRequests requests;

    @Schedule(hour = "*", minute = "17", persistent = false)
    public void forgetExpired() {
        FORGETTING.run(requests::forgetExpired);
    }
}
