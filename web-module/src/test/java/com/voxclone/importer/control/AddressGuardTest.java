package com.voxclone.importer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.importer.boundary.ImportRejectedException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    @Test
    void refusesANameWhenAnyOfItsAddressesIsPrivate() {
        AddressGuard guard = new AddressGuard(host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5")}, false);
        var e = assertThrows(ImportRejectedException.class, () -> guard.check(URI.create("https://media.example/a.mp3")));
        assertTrue(e.getMessage().contains("10.0.0.5"), e.getMessage());
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
