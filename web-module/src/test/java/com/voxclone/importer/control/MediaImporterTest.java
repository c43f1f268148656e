package com.voxclone.importer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.importer.boundary.ImportRejectedException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class MediaImporterTest {

    @Test
    void aChannelNameBecomesThePlatformsAddress() {
        assertEquals(URI.create("https://www.youtube.com/@acme"), MediaImporter.channel("youtube", "@acme"));
        assertEquals(URI.create("https://www.youtube.com/@acme.news"), MediaImporter.channel("YouTube", " acme.news "));
        assertEquals(URI.create("https://www.tiktok.com/@acme_team"), MediaImporter.channel("tiktok", "acme_team"));
        assertEquals(URI.create("https://www.twitch.tv/acme-live"), MediaImporter.channel("twitch", "@acme-live"));
        assertTrue(MediaImporter.isPlatform(MediaImporter.channel("twitch", "acme")));
    }

    @Test
    void anythingButANameIsRefusedWithWhatIsAllowed() {
        for (String name : new String[] {"a", "..", "@-x", "acme/../../x", "acme channel", "acme?list=1", "x".repeat(101), ""}) {
            var e = assertThrows(ImportRejectedException.class, () -> MediaImporter.channel("youtube", name), name);
            assertTrue(e.getMessage().contains("letters, digits"), e.getMessage());
        }
        var other = assertThrows(ImportRejectedException.class, () -> MediaImporter.channel("vimeo", "acme"));
        assertTrue(other.getMessage().contains("youtube, tiktok and twitch"), other.getMessage());
    }

    @Test
    void onlyThePlatformsAndTheirSubdomainsGoThroughYtDlp() {
        assertTrue(MediaImporter.isPlatform(URI.create("https://m.youtube.com/watch?v=x")));
        assertTrue(MediaImporter.isPlatform(URI.create("https://youtu.be/x")));
        assertFalse(MediaImporter.isPlatform(URI.create("https://notyoutube.com/x")));
        assertFalse(MediaImporter.isPlatform(URI.create("https://youtube.com.example.org/x")));
    }
}
