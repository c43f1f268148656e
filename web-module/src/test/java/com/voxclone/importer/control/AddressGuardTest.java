package com.voxclone.importer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.importer.boundary.ImportRejectedException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    @Test
    void refusesANameWhenAnyOfItsAddressesIsPrivate() {
        AddressGuard guard = new AddressGuard(host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5")}, false);
        var e = assertThrows(ImportRejectedException.class, () -> guard.check(URI.create("https://media.example/a.mp3")));
        assertTrue(e.getMessage().contains("'media.example' points to a private or local network"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.5", "169.254.169.254", "fd00:ec2::254", "64:ff9b::a00:5"})
    void theRefusalDoesNotTellWhereTheNamePoints(String internal) throws UnknownHostException {
        // Saying which internal address a name resolves to would let anyone map the internal network by trying names.
        InetAddress address = InetAddress.getByName(internal);
        AddressGuard guard = new AddressGuard(host -> new InetAddress[] {address}, false);
        var e = assertThrows(ImportRejectedException.class, () -> guard.check(URI.create("https://intranet.example/a.mp3")));
        assertTrue(e.getMessage().contains("intranet.example"), e.getMessage());
        for (String form : List.of(internal, address.getHostAddress())) {
            assertFalse(e.getMessage().contains(form), e.getMessage());
        }
    }

    @Test
    void theServerLogKeepsTheAddressForAdministrators() {
        List<LogRecord> records;
        try (CapturedLog log = CapturedLog.of(AddressGuard.class)) {
            AddressGuard guard = new AddressGuard(host -> new InetAddress[] {InetAddress.getByName("10.0.0.5")}, false);
            assertThrows(ImportRejectedException.class, () -> guard.addressesOf("intranet.example"));
            records = log.records();
        }
        assertEquals(1, records.size());
        LogRecord record = records.get(0);
        assertTrue(record.getLevel().intValue() >= Level.INFO.intValue(), record.getLevel().toString());
        String logged = new SimpleFormatter().formatMessage(record);
        assertTrue(logged.contains("intranet.example") && logged.contains("10.0.0.5"), logged);
    }

    @Test
    void acceptsOnlyHttpAndHttpsWithoutCredentials() {
        AddressGuard guard = new AddressGuard(host -> new InetAddress[] {InetAddress.getByName("93.184.216.34")}, false);
        assertEquals(1, guard.check(URI.create("https://media.example/a.mp3")).size());
        for (String url : List.of("file:///etc/passwd", "ftp://media.example/a.mp3", "gopher://media.example/",
                "https://user:secret@media.example/a.mp3")) {
            assertThrows(ImportRejectedException.class, () -> guard.check(URI.create(url)), url);
        }
    }

    @Test
    void theTestSettingLetsLocalAddressesThrough() {
        AddressGuard guard = new AddressGuard(InetAddress::getAllByName, true);
        assertEquals(InetAddress.getLoopbackAddress(), guard.check(URI.create("http://127.0.0.1:8080/a.wav")).get(0));
    }
}
