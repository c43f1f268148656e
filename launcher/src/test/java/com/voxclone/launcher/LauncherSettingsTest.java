package com.voxclone.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherSettingsTest {

    @Test
    void defaultsRunEverythingEmbeddedOnThisMachine() {
        LauncherSettings s = LauncherSettings.from(Map.of());
        assertEquals(8080, s.httpPort());
        assertEquals(Path.of("data").toAbsolutePath().normalize(), s.dataDir());
        assertTrue(s.embeddedDatabase());
        assertTrue(s.embeddedBroker());
        assertTrue(s.dbPassword().isEmpty() && s.brokerPassword().isEmpty(), "no default passwords");
        assertEquals(3, s.jobMaxAttempts());
        assertEquals(s.dataDir().resolve("models").resolve("chatterbox"), s.modelDir());
    }

    @Test
    void externalServicesAndAReachableBrokerAreConfiguredByEnvironment() {
        LauncherSettings s = LauncherSettings.from(Map.of("VOXCLONE_DB_URL", "jdbc:postgresql://db:5432/voxclone",
                "VOXCLONE_BROKER_URL", "tcp://broker:61617", "VOXCLONE_BROKER_BIND", "0.0.0.0", "VOXCLONE_DATA_DIR", "/srv/vox"));
        assertFalse(s.embeddedDatabase());
        assertFalse(s.embeddedBroker());
        assertEquals("0.0.0.0", s.embeddedBrokerBind());
        assertEquals(Path.of("/srv/vox/models/chatterbox"), s.modelDir());
    }

    @Test
    void eachModelLivesInAFolderNamedByItsIdUnderTheModelsFolderUnlessOneFolderIsNamed() {
        assertEquals(Path.of("/srv/models/chatterbox-turbo"), LauncherSettings.from(Map.of("VOXCLONE_MODELS_DIR", "/srv/models",
                "VOXCLONE_MODEL", "chatterbox-turbo")).modelDir());
        assertEquals(Path.of("/srv/vox/models/chatterbox-turbo"), LauncherSettings.from(Map.of("VOXCLONE_DATA_DIR", "/srv/vox",
                "VOXCLONE_MODEL", "chatterbox-turbo")).modelDir());
        assertEquals(Path.of("/opt/turbo"), LauncherSettings.from(Map.of("VOXCLONE_MODELS_DIR", "/srv/models",
                "VOXCLONE_MODEL", "chatterbox-turbo", "VOXCLONE_MODEL_DIR", "/opt/turbo")).modelDir());
    }

    @Test
    void theNodesModelIsTheOfflineEnginesOwnOrTheChatterboxModelItRuns() {
        assertEquals("offline", LauncherSettings.from(Map.of()).nodeModel());
        // VOXCLONE_MODEL chooses among the Chatterbox models only.
        assertEquals("offline", LauncherSettings.from(Map.of("VOXCLONE_MODEL", "chatterbox-turbo")).nodeModel());
        assertEquals("chatterbox", LauncherSettings.from(Map.of("VOXCLONE_ENGINE", "chatterbox")).nodeModel());
        assertEquals("chatterbox-turbo", LauncherSettings.from(Map.of("VOXCLONE_ENGINE", "chatterbox",
                "VOXCLONE_MODEL", "chatterbox-turbo")).nodeModel());
    }

    @Test
    void workerBeansTakeTwoMessagesAtOnceOrAsManyAsTheEngineLetsOntoTheDevice() {
        assertEquals(2, LauncherSettings.from(Map.of()).workerConcurrency());
        assertEquals(2, LauncherSettings.from(Map.of("VOXCLONE_ENGINE_CONCURRENCY", "1")).workerConcurrency());
        assertEquals(16, LauncherSettings.from(Map.of("VOXCLONE_ENGINE_CONCURRENCY", "16")).workerConcurrency());
        assertEquals(4, LauncherSettings.from(Map.of("VOXCLONE_ENGINE_CONCURRENCY", "16", "VOXCLONE_WORKER_CONCURRENCY", "4")).workerConcurrency());
        LaunchException e = assertThrows(LaunchException.class, () -> LauncherSettings.from(Map.of("VOXCLONE_WORKER_CONCURRENCY", "0")));
        assertEquals("VOXCLONE_WORKER_CONCURRENCY must be between 1 and 256, was 0", e.getMessage());
    }

    @Test
    void externalServicesNeedTheirAccounts() {
        LauncherSettings s = LauncherSettings.from(Map.of("VOXCLONE_DB_URL", "jdbc:postgresql://db:5432/voxclone",
                "VOXCLONE_BROKER_URL", "tcp://broker:61617", "VOXCLONE_BROKER_USER", "voxclone", "VOXCLONE_BROKER_PASSWORD", "s3cret"));
        LaunchException missing = assertThrows(LaunchException.class, s::externalDatabaseAccount);
        assertTrue(missing.getMessage().startsWith("VOXCLONE_DB_URL is set, so VOXCLONE_DB_USER and VOXCLONE_DB_PASSWORD are needed"),
                missing.getMessage());
        assertTrue(missing.getMessage().contains("credentials.properties"), missing.getMessage());
        assertEquals(new Account("voxclone", "s3cret"), s.externalBrokerAccount());
    }

    @Test
    void brokerUrlsBecomeResourceAdapterParameters() {
        assertEquals("host=broker.example.com;port=61617", LauncherSettings.connectionParameters("tcp://broker.example.com:61617"));
        assertEquals("host=broker;port=61616", LauncherSettings.connectionParameters("tcp://broker"));
        assertEquals("host=broker-a;port=61616,host=broker-b;port=61617",
                LauncherSettings.connectionParameters("tcp://broker-a, tcp://broker-b:61617"));
        LaunchException wrong = assertThrows(LaunchException.class, () -> LauncherSettings.connectionParameters("http://broker:80"));
        assertTrue(wrong.getMessage().contains("tcp://host:61616"), wrong.getMessage());
    }

    @Test
    void aBrokerPairIsUsedWithFailOverByTheLaunchersOwnClient() {
        assertEquals("tcp://broker:61616", LauncherSettings.clientUrl("tcp://broker"));
        assertEquals("(tcp://broker-a:61616,tcp://broker-b:61617)?ha=true",
                LauncherSettings.clientUrl("tcp://broker-a:61616,tcp://broker-b:61617"));
    }

    @Test
    void aNumberThatIsNotANumberIsExplained() {
        LaunchException e = assertThrows(LaunchException.class, () -> LauncherSettings.from(Map.of("VOXCLONE_HTTP_PORT", "eighty")));
        assertEquals("VOXCLONE_HTTP_PORT must be a whole number, was 'eighty'", e.getMessage());
    }

    @Test
    void adminCommandPropertiesEscapeTheirSeparators() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ConnectionParameters", "host=b;port=61616");
        p.put("Password", "a:b\\c");
        assertEquals("ConnectionParameters=host\\=b;port\\=61616:Password=a\\:b\\\\c", ApplicationServer.asadminProperties(p));
    }
}
