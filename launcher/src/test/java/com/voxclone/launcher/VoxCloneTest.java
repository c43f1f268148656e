package com.voxclone.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoxCloneTest {

    @TempDir
    Path dataDir;

    @Test
    void aBusyPortStopsTheStartBeforeAnythingRuns() throws Exception {
        try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(foreign.getLocalPort());
            for (String setting : new String[]{"VOXCLONE_HTTP_PORT", "VOXCLONE_DB_PORT", "VOXCLONE_BROKER_PORT"}) {
                // Each attempt keeps its data directory locked (only the process's end releases it): one each.
                Path data = dataDir.resolve(setting);
                Map<String, String> env = new HashMap<>(Map.of("VOXCLONE_DATA_DIR", data.toString(),
                        "VOXCLONE_HTTP_PORT", Integer.toString(FreePorts.next()),
                        "VOXCLONE_DB_PORT", Integer.toString(FreePorts.next()),
                        "VOXCLONE_BROKER_PORT", Integer.toString(FreePorts.next())));
                env.put(setting, port);
                VoxClone voxclone = new VoxClone(LauncherSettings.from(env), dataDir.resolve("no-installation-needed"));
                LaunchException e = assertThrows(LaunchException.class, () -> voxclone.start(false));
                assertTrue(e.getMessage().startsWith("port " + port + " (" + setting + ", "), e.getMessage());
                assertTrue(e.getMessage().endsWith("choose another port with " + setting + "."), e.getMessage());
                assertFalse(Files.exists(data.resolve("postgres")), "nothing was started");
            }
        }
    }

    @Test
    void theApplicationsGetTheAccountsTheyAreGiven() {
        VoxClone voxclone = new VoxClone(LauncherSettings.from(Map.of("VOXCLONE_DATA_DIR", dataDir.toString())), dataDir);
        Map<String, String> app = voxclone.applicationConfiguration("jdbc:postgresql://127.0.0.1:1/voxclone",
                new Account("postgres", "db-secret"), new Account("voxclone", "broker-secret"), false);
        assertEquals("postgres", app.get("voxclone.db.user"));
        assertEquals("db-secret", app.get("voxclone.db.password"));
        assertEquals("voxclone", app.get("voxclone.broker.user"));
        assertEquals("broker-secret", app.get("voxclone.broker.password"));
        Map<String, String> ra = voxclone.brokerSettings("tcp://127.0.0.1:1", new Account("voxclone", "broker-secret"));
        assertEquals("voxclone", ra.get("UserName"));
        assertEquals("broker-secret", ra.get("Password"));
        assertEquals(null, ra.get("HA"));
    }

    @Test
    void integrationAccountsAreToldAUrlTheirClientCanUseForABrokerPair() {
        VoxClone voxclone = new VoxClone(LauncherSettings.from(Map.of("VOXCLONE_DATA_DIR", dataDir.toString(),
                "VOXCLONE_BROKER_URL", "tcp://broker-a:61616,tcp://broker-b:61616")), dataDir);
        Map<String, String> app = voxclone.applicationConfiguration("jdbc:postgresql://127.0.0.1:1/voxclone",
                new Account("postgres", "db-secret"), new Account("voxclone", "broker-secret"), false);
        assertEquals("(tcp://broker-a:61616,tcp://broker-b:61616)?ha=true", app.get("voxclone.broker.public-url"));
    }

    @Test
    void aBrokerPairGivesTheResourceAdapterBothServersAndFailOver() {
        VoxClone voxclone = new VoxClone(LauncherSettings.from(Map.of("VOXCLONE_DATA_DIR", dataDir.toString())), dataDir);
        Map<String, String> ra = voxclone.brokerSettings("tcp://broker-a:61616,tcp://broker-b:61616", new Account("voxclone", "s"));
        assertEquals("host=broker-a;port=61616,host=broker-b;port=61616", ra.get("ConnectionParameters"));
        assertEquals(2, ra.get("ConnectorClassName").split(",").length);
        assertEquals("true", ra.get("HA"));
    }
}
