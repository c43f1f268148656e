package com.voxclone.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Artemis as the launcher starts it, on a free loopback port: every client must log in. */
class EmbeddedBrokerTest {

    private static final Account ACCOUNT = new Account(GeneratedCredentials.BROKER_USER, "a-password-for-this-test");

    @TempDir
    Path dataDir;

    @Test
    void onlyTheAccountMayConnectAlsoOnLoopback() throws Exception {
        LauncherSettings settings = settings(FreePorts.next());
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings, ACCOUNT);
             ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + settings.embeddedBrokerPort());
             ClientSessionFactory factory = locator.createSessionFactory()) {
            ActiveMQException anonymous = assertThrows(ActiveMQException.class, () -> factory.createSession().close());
            assertEquals(ActiveMQExceptionType.SECURITY_EXCEPTION, anonymous.getType());
            ActiveMQException wrong = assertThrows(ActiveMQException.class,
                    () -> factory.createSession(ACCOUNT.user(), "guessed", false, true, true, false, 0).close());
            assertEquals(ActiveMQExceptionType.SECURITY_EXCEPTION, wrong.getType());

            try (ClientSession session = factory.createSession(ACCOUNT.user(), ACCOUNT.password(), false, true, true, false, 0)) {
                // What the applications do: send a job, browse and consume it.
                session.createProducer(EmbeddedBroker.JOBS).send(session.createMessage(true));
                session.start();
                try (var consumer = session.createConsumer(EmbeddedBroker.JOBS)) {
                    assertTrue(consumer.receive(5000) != null, "the job message arrives");
                }
            }
        }
    }

    @Test
    void aBusyPortIsRefusedAtOnce() throws Exception {
        try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LaunchException e = assertThrows(LaunchException.class,
                    () -> EmbeddedBroker.start(settings(foreign.getLocalPort()), ACCOUNT).close());
            assertTrue(e.getMessage().startsWith("port " + foreign.getLocalPort() + " (VOXCLONE_BROKER_PORT, for the embedded broker)"),
                    e.getMessage());
        }
    }

    private LauncherSettings settings(int port) {
        return LauncherSettings.from(Map.of("VOXCLONE_DATA_DIR", dataDir.toString(), "VOXCLONE_BROKER_PORT", Integer.toString(port)));
    }
}
