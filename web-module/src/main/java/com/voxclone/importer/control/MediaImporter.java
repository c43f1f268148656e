package com.voxclone.importer.control;

import com.voxclone.importer.boundary.ImportRejectedException;
import com.voxclone.importer.entity.ImportLimits;
import com.voxclone.importer.entity.MediaItem;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lists and fetches media from a URL: platform pages (YouTube, TikTok, Twitch) through yt-dlp; podcast feeds and direct
 * links to a media file through the guarded downloader.
 */
public final class MediaImporter {

    private static final Set<String> PLATFORM_HOSTS = Set.of("youtube.com", "youtu.be", "tiktok.com", "twitch.tv");
    static final int MAX_ITEMS = 50;

    private final AddressGuard guard;
    private final GuardedDownloader downloader;
    private final YtDlp ytDlp;

    public MediaImporter(AddressGuard guard, ImportLimits limits, String ytDlpExecutable) {
        this.guard = guard;
        this.downloader = new GuardedDownloader(guard, limits);
        this.ytDlp = new YtDlp(ytDlpExecutable, limits);
    }

    public static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ImportRejectedException("Give the address (URL) of a video, a channel or a media file.");
        }
        try {
            URI uri = new URI(url.strip());
            if (!uri.isAbsolute()) {
                throw new ImportRejectedException("'" + url + "' is not a complete address; it must start with https:// or http://.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ImportRejectedException("'" + url + "' is not a valid address.", e);
        }
    }

    /** Channel names as the platforms allow them: letters, digits, dot, underscore and hyphen, with an optional "@". */
    private static final Pattern CHANNEL_NAME = Pattern.compile("@?[A-Za-z0-9][A-Za-z0-9._-]{1,99}");

    /**
     * The address of a channel given by its name on a platform ({@code youtube}, {@code tiktok}, {@code twitch}), so
     * people can type "@acme" instead of the full address.
     */
    public static URI channel(String platform, String name) {
        String key = platform == null ? "" : platform.strip().toLowerCase(Locale.ROOT);
        String handle = name == null ? "" : name.strip();
        if (!CHANNEL_NAME.matcher(handle).matches()) {
            throw new ImportRejectedException("'" + handle + "' is not a channel name; use letters, digits, '.', '_' or '-' "
                    + "(2 to 100 characters), optionally starting with @, or give the channel's full address.");
        }
        String bare = handle.startsWith("@") ? handle.substring(1) : handle;
        return switch (key) {
            case "youtube" -> URI.create("https://www.youtube.com/@" + bare);
            case "tiktok" -> URI.create("https://www.tiktok.com/@" + bare);
            case "twitch" -> URI.create("https://www.twitch.tv/" + bare);
            default -> throw new ImportRejectedException("Channel names work for youtube, tiktok and twitch, not '" + platform
                    + "'; give the full address instead.");
        };
    }

    public static boolean isPlatform(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return PLATFORM_HOSTS.stream().anyMatch(p -> host.equals(p) || host.endsWith("." + p));
    }

    public List<MediaItem> list(URI url) throws IOException, InterruptedException {
        guard.check(url);
        if (isPlatform(url)) {
            return ytDlp.list(url, MAX_ITEMS);
        }
        // A podcast feed lists its episodes; anything else is taken as a direct link to one media file (not read here).
        return downloader.fetch(url, (finalUrl, contentType, declared, body, deadline) -> {
            byte[] head = body.readNBytes(512);
            if (!PodcastFeed.looksLikeFeed(contentType, head)) {
                String path = url.getPath() == null ? "" : url.getPath();
                String name = path.substring(path.lastIndexOf('/') + 1);
                return List.of(new MediaItem(url.toString(), name.isEmpty() ? url.getHost() : name, null));
            }
            byte[] rest = body.readNBytes(PodcastFeed.MAX_BYTES + 1 - head.length);
            if (declared > PodcastFeed.MAX_BYTES || head.length + rest.length > PodcastFeed.MAX_BYTES) {
                throw new ImportRejectedException("The podcast feed is larger than " + PodcastFeed.MAX_BYTES / (1024 * 1024)
                        + " MB and was not read.");
            }
            byte[] xml = Arrays.copyOf(head, head.length + rest.length);
            System.arraycopy(rest, 0, xml, head.length, rest.length);
            return PodcastFeed.items(xml, finalUrl, MAX_ITEMS);
        });
    }

    /** Fetches one item into a new file in {@code dir}; the caller deletes the folder. */
    public Path fetch(URI url, Path dir) throws IOException, InterruptedException {
        guard.check(url);
        if (isPlatform(url)) {
            return ytDlp.fetch(url, dir);
        }
        return downloader.download(url, Files.createTempFile(dir, "import-", ".media")).file();
    }
}
