package com.voxclone.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which prepared branches the start settles; the real database and broker are in the crash drill. */
class InDoubtTransactionsTest {

    private static final String MANAGER = "node-1,server,P100";

    record Branch(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
        static Branch of(String gtrid, String qualifier) {
            return new Branch(4871251, gtrid.getBytes(StandardCharsets.ISO_8859_1), qualifier.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** A resource manager holding prepared branches; remembers what was rolled back. */
    static final class PreparedBranches implements XAResource {
        final List<Xid> prepared = new ArrayList<>();
        final List<Xid> rolledBack = new ArrayList<>();
        /** A branch that a live transaction manager completes between the two looks (another node's commit). */
        Xid completedMeanwhile;
        int scans;

        PreparedBranches(Xid... branches) {
            prepared.addAll(Arrays.asList(branches));
        }

        InDoubtTransactions.Participant participant() {
            return new InDoubtTransactions.Participant("test resource", this, () -> { });
        }

        public Xid[] recover(int flag) {
            if (scans++ == 1 && completedMeanwhile != null) {
                prepared.remove(completedMeanwhile);
            }
            return prepared.toArray(Xid[]::new);
        }

        public void rollback(Xid xid) {
            rolledBack.add(xid);
            prepared.remove(xid);
        }

        public void commit(Xid xid, boolean onePhase) {
            throw new AssertionError("never committed by the start");
        }

        public void end(Xid xid, int flags) {
        }

        public void forget(Xid xid) {
        }

        public int getTransactionTimeout() {
            return 0;
        }

        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        public int prepare(Xid xid) {
            return XA_OK;
        }

        public boolean setTransactionTimeout(int seconds) {
            return false;
        }

        public void start(Xid xid, int flags) {
        }
    }

    @Test
    void aBranchBelongsToTheManagerWhoseNameOpensItsQualifier() {
        assertTrue(InDoubtTransactions.createdBy(Branch.of("g", MANAGER + ",\u0001"), MANAGER));
        assertFalse(InDoubtTransactions.createdBy(Branch.of("g", "node-1,server,P1000,\u0001"), MANAGER), "a longer name is another manager");
        assertFalse(InDoubtTransactions.createdBy(Branch.of("g", "other-host,server,P100,\u0001"), MANAGER));
    }

    @Test
    void undecidedBranchesOfThisManagerAreRolledBackOthersAreLeftAlone() throws Exception {
        Xid own = Branch.of("job-1", MANAGER + ",\u0001");
        Xid foreign = Branch.of("job-2", "worker-7,server,P100,\u0001");
        Xid committingElsewhere = Branch.of("job-3", MANAGER + ",\u0002");
        PreparedBranches database = new PreparedBranches(own, foreign, committingElsewhere);
        database.completedMeanwhile = committingElsewhere;

        int settled = InDoubtTransactions.rollBackUndecided(MANAGER, List.of(database.participant()));

        assertEquals(1, settled);
        assertEquals(List.of(own), database.rolledBack);
        assertEquals(List.of(foreign), database.prepared);
    }

    @Test
    void nothingInDoubtIsNoWork() throws Exception {
        PreparedBranches broker = new PreparedBranches();
        assertEquals(0, InDoubtTransactions.rollBackUndecided(MANAGER, List.of(broker.participant())));
        assertEquals(1, broker.scans, "no second look when the first found nothing");
    }

    @Test
    void theManagerNameComesFromTheTransactionLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("transactions");
        assertEquals(Optional.empty(), InDoubtTransactions.transactionManagerName(log), "no log yet: nothing can be in doubt");
        Files.createDirectories(log.resolve("server/tx"));
        Files.writeString(log.resolve("server/tx/recoveryfile"), MANAGER);
        assertEquals(Optional.of(MANAGER), InDoubtTransactions.transactionManagerName(log));
    }
}
