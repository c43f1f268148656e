package com.voxclone.importer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.voxclone.importer.boundary.ImportRejectedException;
import com.voxclone.importer.entity.ImportLimits;
import com.voxclone.importer.entity.MediaItem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PodcastFeedTest {

    static final String FEED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
              <channel>
                <title>Acme town halls</title>
                <itunes:image href="https://media.example.com/show.png"/>
                <item>
                  <title>Q3 town hall</title>
                  <enclosure url="/episodes/q3.mp3" type="audio/mpeg" length="123"/>
                  <itunes:duration>01:02:03</itunes:duration>
                  <itunes:image href="https://media.example.com/q3.png"/>
                </item>
                <item>
                  <title>Slides only</title>
                  <enclosure url="/episodes/slides.pdf" type="application/pdf" length="9"/>
                </item>
                <item>
                  <title>Welcome video</title>
                  <enclosure url="https://cdn.example.com/welcome.mp4" type="video/mp4" length="456"/>
                  <itunes:duration>95</itunes:duration>
                </item>
              </channel>
            </rss>
            """;

    private static final URI FEED_URL = URI.create("https://media.example.com/feeds/townhalls.rss");

    @Test
    void listsTheAudioAndVideoEpisodesWithTitleAndLength() {
        List<MediaItem> items = PodcastFeed.items(FEED.getBytes(StandardCharsets.UTF_8), FEED_URL, 50);

        assertEquals(List.of(
                new MediaItem("https://media.example.com/episodes/q3.mp3", "Q3 town hall", 3723.0),
                new MediaItem("https://cdn.example.com/welcome.mp4", "Welcome video", 95.0)),
                items);
        assertEquals(1, PodcastFeed.items(FEED.getBytes(StandardCharsets.UTF_8), FEED_URL, 1).size());
    }

    @Test
    void aDocumentTypeIsRefusedSoNoEntityCanReadFiles() {
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
                + "<rss><channel><item><title>&secret;</title><enclosure url=\"/a.mp3\" type=\"audio/mpeg\"/></item></channel></rss>";
        var e = assertThrows(ImportRejectedException.class,
                () -> PodcastFeed.items(hostile.getBytes(StandardCharsets.UTF_8), FEED_URL, 50));
        assertTrue(e.getMessage().contains("document type"), e.getMessage());
    }

    @Test
    void otherXmlAndFeedsWithoutMediaAreClearRefusals() {
        var notRss = assertThrows(ImportRejectedException.class,
                () -> PodcastFeed.items("<html><body/></html>".getBytes(StandardCharsets.UTF_8), FEED_URL, 50));
        assertTrue(notRss.getMessage().contains("not a podcast feed"), notRss.getMessage());
        var empty = assertThrows(ImportRejectedException.class, () -> PodcastFeed.items(
                "<rss><channel><item><title>x</title></item></channel></rss>".getBytes(StandardCharsets.UTF_8), FEED_URL, 50));
        assertTrue(empty.getMessage().contains("no audio or video"), empty.getMessage());
    }

    @Test
    void durationsInTheirThreeForms() {
        assertEquals(95.0, PodcastFeed.duration("95"));
        assertEquals(125.0, PodcastFeed.duration("2:05"));
        assertEquals(3723.0, PodcastFeed.duration("01:02:03"));
        assertNull(PodcastFeed.duration("soon"));
        assertNull(PodcastFeed.duration(""));
    }

    @Test
    void theImporterReadsAFeedButNotTheBodyOfAMediaFile() throws Exception {
        AtomicInteger mediaBytesSent = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/feed", exchange -> {
            byte[] body = FEED.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/talk.mp3", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "audio/mpeg");
            exchange.sendResponseHeaders(200, 40 * 1024 * 1024);
            try (var out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 640; i++) {
                    out.write(chunk);
                    mediaBytesSent.addAndGet(chunk.length);
                }
            } catch (IOException closedByClient) {
                // expected: the importer stops reading after the first bytes
            }
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            MediaImporter importer = new MediaImporter(AddressGuard.system(true),
                    new ImportLimits(50L * 1024 * 1024, Duration.ofSeconds(20), 3, true), "yt-dlp");
            List<MediaItem> episodes = importer.list(base.resolve("/feed"));
            assertEquals(2, episodes.size());
            assertEquals(base.resolve("/episodes/q3.mp3").toString(), episodes.get(0).url());
            List<MediaItem> direct = importer.list(base.resolve("/talk.mp3"));
            assertEquals(List.of(new MediaItem(base.resolve("/talk.mp3").toString(), "talk.mp3", null)), direct);
            assertTrue(mediaBytesSent.get() < 20 * 1024 * 1024, "the 40 MB media file was not downloaded to list it: "
                    + mediaBytesSent.get() + " bytes went out");
        } finally {
            server.stop(0);
        }
    }
}
