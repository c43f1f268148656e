package com.voxclone.importer.control;

import com.voxclone.importer.boundary.ImportRejectedException;
import com.voxclone.importer.entity.ImportLimits;
import com.voxclone.importer.entity.MediaItem;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Lists and fetches YouTube, TikTok and Twitch media with the {@code yt-dlp} program, when it is installed. */
public final class YtDlp {

    private final String executable;
    private final ImportLimits limits;

    public YtDlp(String executable, ImportLimits limits) {
        this.executable = executable;
        this.limits = limits;
    }

    public boolean installed() {
        try {
            Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The media of a channel, playlist or single video page, without downloading them. */
    public List<MediaItem> list(URI url, int max) throws IOException, InterruptedException {
        String json = run(List.of(executable, "--flat-playlist", "--dump-single-json", "--no-warnings",
                "--playlist-end", Integer.toString(max), url.toString()), null);
        JsonObject root;
        try (var reader = Json.createReader(new StringReader(json))) {
            root = reader.readObject();
        }
        List<MediaItem> items = new ArrayList<>();
        if (root.get("entries") instanceof JsonArray entries) {
            entries.stream().filter(e -> e instanceof JsonObject).map(JsonValue::asJsonObject).forEach(e -> items.add(item(e)));
        } else {
            items.add(item(root));
        }
        return items;
    }

    /** Downloads the audio of one item into {@code dir} and returns the file. */
    public Path fetch(URI url, Path dir) throws IOException, InterruptedException {
        run(List.of(executable, "--no-playlist", "--no-warnings", "-f", "bestaudio/best",
                "--max-filesize", Long.toString(limits.maxBytes()), "-o", dir.resolve("media.%(ext)s").toString(),
                url.toString()), dir);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("media.") && !f.toString().endsWith(".part"))
                    .findFirst()
                    .orElseThrow(() -> new ImportRejectedException("Nothing could be downloaded from '" + url
                            + "' (the media may be larger than " + limits.maxBytes() / (1024 * 1024) + " MB)."));
        }
    }

    private String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path output = Files.createTempFile("voxclone-ytdlp-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new ImportRejectedException("Importing from YouTube, TikTok or Twitch is not available: the program '"
                        + executable + "' (yt-dlp) is not installed on this server.", e);
            }
            if (!process.waitFor(limits.timeout().toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ImportRejectedException("The import took longer than " + limits.timeout().toSeconds()
                        + " seconds and was stopped.");
            }
            if (process.exitValue() != 0) {
                throw new ImportRejectedException("The media at this address could not be read; check that the address "
                        + "is right and the media is public.");
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static MediaItem item(JsonObject e) {
        String url = text(e, "webpage_url", text(e, "url", null));
        Double duration = e.get("duration") instanceof JsonNumber n ? n.doubleValue() : null;
        return new MediaItem(url, text(e, "title", url), duration);
    }

    private static String text(JsonObject o, String key, String fallback) {
        return o.get(key) instanceof JsonString s ? s.getString() : fallback;
    }
}
