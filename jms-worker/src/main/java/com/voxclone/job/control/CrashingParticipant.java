package com.voxclone.job.control;

import java.util.logging.Logger;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A transaction participant that ends the process, without any shutdown code, when asked to prepare: for the crash
 * drill only (see {@link FaultInjection}).
 */
final class CrashingParticipant implements XAResource {

    private static final Logger LOG = Logger.getLogger(CrashingParticipant.class.getName());

    @Override
    public int prepare(Xid xid) {
        LOG.severe("FAULT DRILL: the server process stops now, in the middle of a two-phase commit.");
        Runtime.getRuntime().halt(137);
        return XA_OK;
    }

    @Override
    public void start(Xid xid, int flags) {
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
    }

    @Override
    public void rollback(Xid xid) {
    }

    @Override
    public void forget(Xid xid) {
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return false;
    }
}
