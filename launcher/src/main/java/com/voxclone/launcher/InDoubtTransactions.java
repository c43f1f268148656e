package com.voxclone.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.postgresql.xa.PGXADataSource;

/**
 * Settles what a crash of this node left prepared in the database and the broker and its transaction log cannot
 * settle. The server's own recovery (run first) completes every transaction the log says was committing; a branch
 * still prepared after it, created by this node's transaction manager, had no commit decision when the node died,
 * so it is rolled back (presumed abort): the job's work is undone and its message goes back to the queue, to be run
 * again. A branch counts only if it is still in doubt a moment later, so that the transaction of another node with
 * the same transaction-manager name, between its two phases right now, is never touched.
 */
final class InDoubtTransactions {

    private static final Logger LOG = Logger.getLogger(InDoubtTransactions.class.getName());
    private static final Duration SETTLING = Duration.ofSeconds(2);

    /** One resource manager to settle, the database or the broker, and what to close when done with it. */
    record Participant(String name, XAResource resource, AutoCloseable connection) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    private InDoubtTransactions() {
    }

    /**
     * The transaction manager's name, as it writes it into the branch qualifier of every transaction branch and
     * into its log directory; empty before the first transaction log exists (nothing can be in doubt then).
     */
    static Optional<String> transactionManagerName(Path transactionLog) {
        if (!Files.isDirectory(transactionLog)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(transactionLog, 3)) {
            Optional<Path> file = files.filter(p -> p.getFileName().toString().equals("recoveryfile")).findFirst();
            return file.isPresent() ? Optional.of(Files.readString(file.get(), StandardCharsets.ISO_8859_1).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new LaunchException("could not read the transaction log in " + transactionLog + ": " + e.getMessage(), e);
        }
    }

    /** Rolls back the branches of {@code managerName} that stay in doubt; returns how many. */
    static int rollBackUndecided(String managerName, List<Participant> participants) throws XAException, InterruptedException {
        Map<String, Map<String, Xid>> before = new LinkedHashMap<>();
        for (Participant p : participants) {
            before.put(p.name(), ownInDoubt(p.resource(), managerName));
        }
        if (before.values().stream().allMatch(Map::isEmpty)) {
            return 0;
        }
        Thread.sleep(SETTLING.toMillis());
        int rolledBack = 0;
        for (Participant p : participants) {
            Map<String, Xid> still = ownInDoubt(p.resource(), managerName);
            still.keySet().retainAll(before.get(p.name()).keySet());
            for (Map.Entry<String, Xid> branch : still.entrySet()) {
                p.resource().rollback(branch.getValue());
                rolledBack++;
                LOG.warning(() -> "Rolled back a transaction branch left prepared in " + p.name() + " by a crash before its"
                        + " outcome was decided (" + branch.getKey() + "); its work runs again.");
            }
        }
        return rolledBack;
    }

    /** The in-doubt branches this transaction manager created, by a printable key. */
    static Map<String, Xid> ownInDoubt(XAResource resource, String managerName) throws XAException {
        Map<String, Xid> own = new LinkedHashMap<>();
        Xid[] xids = resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        for (Xid xid : xids == null ? new Xid[0] : xids) {
            if (createdBy(xid, managerName)) {
                own.put(key(xid), xid);
            }
        }
        return own;
    }

    /** The transaction manager writes its name, then a comma and the branch number, into each branch qualifier. */
    static boolean createdBy(Xid xid, String managerName) {
        return new String(xid.getBranchQualifier(), StandardCharsets.ISO_8859_1).startsWith(managerName + ",");
    }

    static String key(Xid xid) {
        Base64.Encoder b64 = Base64.getEncoder();
        return xid.getFormatId() + "_" + b64.encodeToString(xid.getGlobalTransactionId()) + "_" + b64.encodeToString(xid.getBranchQualifier());
    }

    static Participant database(String jdbcUrl, Account account) throws SQLException {
        PGXADataSource source = new PGXADataSource();
        source.setUrl(jdbcUrl);
        source.setUser(account.user());
        source.setPassword(account.password());
        XAConnection connection = source.getXAConnection();
        return new Participant("the database", connection.getXAResource(), connection::close);
    }

    static Participant broker(String url, Account account) throws Exception {
        ServerLocator locator = ActiveMQClient.createServerLocator(LauncherSettings.clientUrl(url));
        try {
            ClientSessionFactory factory = locator.createSessionFactory();
            ClientSession session = factory.createSession(account.user(), account.password(), true, false, false, false, 0);
            return new Participant("the broker", session, () -> {
                try (locator; factory; session) {
                    // closed in reverse order
                }
            });
        } catch (Exception e) {
            locator.close();
            throw e;
        }
    }
}
