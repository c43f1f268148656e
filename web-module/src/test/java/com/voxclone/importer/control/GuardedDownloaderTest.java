package com.voxclone.importer.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.voxclone.importer.boundary.ImportRejectedException;
import com.voxclone.importer.entity.ImportLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardedDownloaderTest {

    private static final ImportLimits SMALL = new ImportLimits(64 * 1024, Duration.ofSeconds(20), 3, true);

    @TempDir
    Path dir;
    private HttpServer server;
    private URI base;
    private final byte[] media = new byte[20_000];
    private final AtomicInteger mediaRequests = new AtomicInteger();

    @BeforeEach
    void serve() throws Exception {
        new Random(7).nextBytes(media);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/media.wav", exchange -> {
            mediaRequests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "audio/wav");
            exchange.sendResponseHeaders(200, media.length);
            exchange.getResponseBody().write(media);
            exchange.close();
        });
        server.createContext("/big.wav", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: the size is only found out while reading
            exchange.getResponseBody().write(new byte[100 * 1024]);
            exchange.close();
        });
        server.createContext("/hop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/media.wav");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/to-metadata", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void downloadsAMediaFileFollowingRedirects() throws Exception {
        var download = new GuardedDownloader(AddressGuard.system(true), SMALL).download(base.resolve("/hop"), dir.resolve("a"));
        assertArrayEquals(media, Files.readAllBytes(download.file()));
        assertEquals(base.resolve("/media.wav"), download.finalUrl());
        assertEquals("audio/wav", download.contentType());
    }

    @Test
    void refusesALocalServerWithoutTheTestSetting() {
        var e = assertThrows(ImportRejectedException.class, () ->
                new GuardedDownloader(AddressGuard.system(false), SMALL).download(base.resolve("/media.wav"), dir.resolve("a")));
        assertTrue(e.getMessage().contains("private or local network"), e.getMessage());
        assertEquals(0, mediaRequests.get(), "the local server was never contacted");
    }

    /** A guard for which the loopback test server stands in for a public one; every other rule is the real one. */
    private static AddressGuard loopbackAsPublic(AddressGuard.Resolver resolver) {
        return new AddressGuard(resolver, address -> address.isLoopbackAddress() || PublicAddresses.contains(address));
    }

    @Test
    void checksEveryRedirectAgain() {
        // The second hop goes to the cloud metadata address: refused before it is contacted.
        var e = assertThrows(ImportRejectedException.class, () -> new GuardedDownloader(loopbackAsPublic(InetAddress::getAllByName), SMALL)
                .download(base.resolve("/to-metadata"), dir.resolve("a")));
        assertTrue(e.getMessage().contains("169.254.169.254"), e.getMessage());
    }

    @Test
    void connectsOnlyToTheAddressesTheGuardChecked() throws Exception {
        // A name only the guard's resolver knows: reaching the server proves the client looked it up through the guard.
        AddressGuard guard = loopbackAsPublic(host -> host.equals("media.example.test")
                ? new InetAddress[] {InetAddress.getLoopbackAddress()} : InetAddress.getAllByName(host));
        URI named = URI.create("http://media.example.test:" + base.getPort() + "/media.wav");
        assertArrayEquals(media, Files.readAllBytes(new GuardedDownloader(guard, SMALL).download(named, dir.resolve("a")).file()));
    }

    @Test
    void aNameThatChangesToAPrivateAddressAfterTheCheckIsRefused() {
        // DNS rebinding: the first answer (the check) is allowed, the next one (the connection) is a private address.
        AtomicInteger lookups = new AtomicInteger();
        AddressGuard guard = loopbackAsPublic(host -> new InetAddress[] {lookups.getAndIncrement() == 0
                ? InetAddress.getLoopbackAddress() : InetAddress.getByName("10.0.0.7")});
        URI named = URI.create("http://rebinding.example.test:" + base.getPort() + "/media.wav");
        var e = assertThrows(ImportRejectedException.class, () -> new GuardedDownloader(guard, SMALL).download(named, dir.resolve("a")));
        assertTrue(e.getMessage().contains("'rebinding.example.test' points to a private or local network"), e.getMessage());
        assertFalse(e.getMessage().contains("10.0.0.7"), e.getMessage());
        assertEquals(0, mediaRequests.get(), "the server was never contacted");
    }

    @Test
    void capsSizeAndRedirects() {
        var downloader = new GuardedDownloader(AddressGuard.system(true), SMALL);
        var tooBig = assertThrows(ImportRejectedException.class, () -> downloader.download(base.resolve("/big.wav"), dir.resolve("b")));
        assertTrue(tooBig.getMessage().contains("larger than the limit"), tooBig.getMessage());
        var loop = assertThrows(ImportRejectedException.class, () -> downloader.download(base.resolve("/loop"), dir.resolve("c")));
        assertTrue(loop.getMessage().contains("redirected more than 3 times"), loop.getMessage());
    }
}
