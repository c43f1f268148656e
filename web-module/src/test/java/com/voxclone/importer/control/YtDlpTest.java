package com.voxclone.importer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.voxclone.audio.TestMedia;
import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.audio.entity.MediaInfo;
import com.voxclone.audio.entity.MediaType;
import com.voxclone.importer.boundary.ImportRejectedException;
import com.voxclone.importer.entity.ImportLimits;
import com.voxclone.importer.entity.MediaItem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code yt-dlp} program (the Debian package, installed for the tests) against a web page served on
 * loopback: listing the media of a page and fetching one into the upload pipeline.
 */
class YtDlpTest {

    private static final ImportLimits LIMITS = new ImportLimits(50L * 1024 * 1024, Duration.ofSeconds(60), 3, true);

    @TempDir
    Path dir;
    private HttpServer server;
    private URI page;

    @BeforeEach
    void serve() throws Exception {
        byte[] clip = Files.readAllBytes(TestMedia.write(dir, "talk", TestMedia.spec(MediaType.MP4),
                TestMedia.speechLike(4, 48_000, 5)));
        byte[] html = ("<!DOCTYPE html><html><head><title>Quarterly update</title></head><body>"
                + "<video controls src=\"/media/talk.mp4\"></video></body></html>").getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/talks/quarterly", exchange -> respond(exchange, "text/html; charset=utf-8", html));
        server.createContext("/media/talk.mp4", exchange -> respond(exchange, "video/mp4", clip));
        server.start();
        page = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/talks/quarterly");
    }

    private static void respond(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(200, -1);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static YtDlp installed() {
        YtDlp ytDlp = new YtDlp("yt-dlp", LIMITS);
        assertTrue(ytDlp.installed(), "these tests need the program yt-dlp (Debian package 'yt-dlp')");
        return ytDlp;
    }

    @Test
    void listsTheMediaOfAPageAndFetchesOneIntoAFileTheUploadChecksAccept() throws Exception {
        YtDlp ytDlp = installed();

        List<MediaItem> items = ytDlp.list(page, 10);

        assertEquals(1, items.size(), items.toString());
        MediaItem item = items.get(0);
        assertFalse(item.title() == null || item.title().isBlank(), item.toString());
        Path fetched = ytDlp.fetch(URI.create(item.url()), Files.createDirectory(dir.resolve("fetched")));
        MediaInfo media = new MediaInspector().inspect(fetched);
        assertTrue(media.hasAudio());
        assertEquals(4.0, media.durationMillis() / 1000.0, 0.2);
    }

    @Test
    void aPageWithoutMediaIsAClearRefusal() throws Exception {
        YtDlp ytDlp = installed();
        URI missing = page.resolve("/nothing-here");

        ImportRejectedException e = assertThrows(ImportRejectedException.class, () -> ytDlp.list(missing, 10));

        assertTrue(e.getMessage().contains("could not be read"), e.getMessage());
    }

    @Test
    void aMissingProgramIsNamedInTheRefusal() {
        YtDlp absent = new YtDlp(dir.resolve("no-such-yt-dlp").toString(), LIMITS);

        assertFalse(absent.installed());
        ImportRejectedException e = assertThrows(ImportRejectedException.class, () -> absent.list(page, 10));
        assertTrue(e.getMessage().contains("is not installed"), e.getMessage());
    }
}
