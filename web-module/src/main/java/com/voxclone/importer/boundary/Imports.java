package com.voxclone.importer.boundary;

import com.voxclone.account.entity.Caller;
import com.voxclone.consent.boundary.ConsentGate;
import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.audio.entity.SourceSegment;
import com.voxclone.importer.control.ImportConfiguration;
import com.voxclone.importer.control.ImportSlots;
import com.voxclone.importer.control.MediaImporter;
import com.voxclone.job.boundary.CloneSubmission;
import com.voxclone.platform.boundary.ConcurrencyLimit;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Imports on behalf of a user, whichever way the request came (HTTP or the message bus): each in one of the user's
 * import slots, with its own temporary folder, and a voice cloned from media URLs through the same checks as uploads.
 */
@ApplicationScoped
public class Imports {

    /** Items one voice can be cloned from at once; also what the portal lets people choose. */
    public static final int MAX_ITEMS = 5;

    @Inject
    AudioPipeline pipeline;

    @Inject
    ImportConfiguration configuration;

    @Inject
    MediaInspector inspector;

    @Inject
    CloneSubmission submission;

    @Inject
    ImportSlots slots;

    @Inject
    ConsentGate consentGate;

    /**
     * A clone job from the media at {@code body}'s {@code url} or {@code urls}, with the other members as the clone
     * form's fields; answers 202 like an upload.
     */
    public Response cloneFromUrl(Caller caller, JsonObject body) {
        try {
            return fetchAndSubmit(caller, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing", e);
        }
    }

    private Response fetchAndSubmit(Caller caller, JsonObject body) throws IOException, InterruptedException {
        List<URI> urls = urls(body);
        Map<String, String> fields = new HashMap<>();
        body.forEach((k, v) -> {
            if (!k.equals("urls")) {
                fields.put(k, v instanceof JsonString s ? s.getString() : v.toString());
            }
        });
        if (urls.size() > 1 && (fields.containsKey(SourceSegment.START) || fields.containsKey(SourceSegment.END))) {
            throw Problem.invalidFields(List.of(new Violation(SourceSegment.START,
                    "a part of the recording can only be chosen when one item is imported, not " + urls.size())));
        }
        consentGate.precheck(caller.userId(), fields);
        return withFolder(caller.userId(), dir -> {
            List<Path> media = new ArrayList<>();
            for (URI url : urls) {
                Path item = importer().fetch(url, Files.createTempDirectory(dir, "item-"));
                inspector.inspect(item);
                media.add(item);
            }
            return submission.submit(caller, fields, media.size() == 1 ? media.get(0) : joined(media, dir));
        });
    }

    /** Several recordings as one FLAC file, with a short pause between them; checked again as a whole when submitted. */
    private Path joined(List<Path> media, Path dir) throws IOException {
        PcmAudio pause = new PcmAudio(new float[PcmAudio.MODEL_RATE / 2], PcmAudio.MODEL_RATE);
        PcmAudio all = null;
        for (Path item : media) {
            PcmAudio audio = pipeline.decode(item, PcmAudio.MODEL_RATE);
            all = all == null ? audio : all.append(pause).append(audio);
        }
        return Files.write(dir.resolve("joined.flac"), pipeline.toFlac(all));
    }

    private static List<URI> urls(JsonObject body) {
        if (body != null && body.get("urls") instanceof JsonArray array) {
            if (array.isEmpty() || array.size() > MAX_ITEMS) {
                throw Problem.invalidFields(List.of(new Violation("urls",
                        "urls must list 1 to " + MAX_ITEMS + " addresses, was " + array.size())));
            }
            return array.stream().map(v -> MediaImporter.parse(v instanceof JsonString s ? s.getString() : null)).toList();
        }
        return List.of(MediaImporter.parse(body != null && body.get("url") instanceof JsonString s ? s.getString() : null));
    }

    interface InFolder {
        Response run(Path dir) throws IOException, InterruptedException;
    }

    /**
     * Runs {@code work} in one of the user's import slots, with a new temporary folder for the downloads, deleted
     * afterwards whatever happens.
     */
    Response withFolder(UUID userId, InFolder work) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("voxclone-import-");
        try (ConcurrencyLimit.Slot slot = slot(userId)) {
            return work.run(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** An import slot of the user; refused with 429 when their imports or this server's are all running. */
    ConcurrencyLimit.Slot slot(UUID userId) {
        return slots.take(userId).orElseThrow(() -> Problem.of(429,
                "too-many-imports", "Too many imports at once", "Too many imports are running: at most "
                        + slots.maxPerUser() + " at once for each person and " + slots.maxConcurrent() + " on this server. "
                        + "Try again when one has finished.").header("Retry-After", "15").build());
    }

    MediaImporter importer() {
        return configuration.importer(inspector.limits().maxBytes());
    }
}
