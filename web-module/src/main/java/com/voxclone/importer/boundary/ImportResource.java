package com.voxclone.importer.boundary;

import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.boundary.AudioResponses;
import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.audio.entity.SourceSegment;
import com.voxclone.importer.control.ImportConfiguration;
import com.voxclone.importer.control.ImportSlots;
import com.voxclone.importer.control.MediaImporter;
import com.voxclone.importer.entity.MediaItem;
import com.voxclone.job.boundary.CloneSubmission;
import com.voxclone.platform.boundary.ConcurrencyLimit;
import com.voxclone.platform.boundary.Idempotency;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Importing a voice from the web: list the media behind a URL (a channel, a video page, a direct media link), then
 * clone a voice from one of them through the same pipeline as uploads.
 */
@Path("public/voice/import")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    static final int PREVIEW_SECONDS = 30;

    @Inject
    AudioPipeline pipeline;

    @Inject
    AudioResponses responses;

    @Inject
    ImportConfiguration configuration;

    @Inject
    MediaInspector inspector;

    @Inject
    Imports imports;

    @Inject
    Idempotency idempotency;

    @Context
    SecurityContext security;

    @GET
    @Path("capabilities")
    @Operation(summary = "What can be imported here: direct media links always, platforms when yt-dlp is installed")
    public JsonObject capabilities() {
        return Json.createObjectBuilder().add("directLinks", true).add("platforms", configuration.platformsAvailable()).build();
    }

    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The media behind a URL", description = "Body: {\"url\": \"https://...\"}, or a channel by name: "
            + "{\"platform\": \"youtube\" | \"tiktok\" | \"twitch\", \"name\": \"@channel\"}. A channel or playlist lists "
            + "its videos (up to 50); a video page or a direct media link gives one item.")
    public JsonObject items(JsonObject body) throws IOException, InterruptedException {
        URI url = text(body, "url") == null && text(body, "name") != null
                ? MediaImporter.channel(text(body, "platform"), text(body, "name"))
                : MediaImporter.parse(text(body, "url"));
        try (ConcurrencyLimit.Slot slot = imports.slot(caller())) {
            var items = Json.createArrayBuilder();
            for (MediaItem item : imports.importer().list(url)) {
                JsonObjectBuilder b = Json.createObjectBuilder().add("url", item.url()).add("title", item.title());
                b.add("durationSeconds", item.durationSeconds() == null ? JsonValue.NULL : Json.createValue(item.durationSeconds()));
                items.add(b);
            }
            return Json.createObjectBuilder().add("platform", MediaImporter.isPlatform(url)).add("url", url.toString())
                    .add("items", items).build();
        }
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({"audio/mpeg", "audio/wav"})
    @Operation(summary = "Listen to an item before cloning from it", description = "Body: {\"url\"} of an item. The media "
            + "is fetched like for cloning and its first " + PREVIEW_SECONDS + " seconds answered as MP3 (WAV with Accept: audio/wav).")
    public Response preview(JsonObject body, @Context HttpHeaders headers) throws IOException, InterruptedException {
        URI url = MediaImporter.parse(text(body, "url"));
        return imports.withFolder(caller(), dir -> {
            java.nio.file.Path item = imports.importer().fetch(url, dir);
            // Checked like an upload before anything is decoded: a file that lies about its length is refused here too.
            inspector.inspect(item);
            PcmAudio audio = pipeline.decode(item, PcmAudio.MODEL_RATE);
            PcmAudio start = audio.slice(0, Math.min(audio.samples().length, PREVIEW_SECONDS * audio.sampleRate()));
            return responses.speech(start, headers.getAcceptableMediaTypes(), "preview");
        });
    }

    @POST
    @Path("clone")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clone a voice from media URLs", description = "Body: {\"url\"} or {\"urls\": [up to "
            + Imports.MAX_ITEMS + "]}, \"voiceName\", \"testText\", settings... as for the upload, and segmentStart/segmentEnd "
            + "for a single item. Each item is fetched (up to 50 MB) and checked like an upload; several items are joined "
            + "into one recording (at most 5 minutes in all). Answers 202 as for an upload; with an Idempotency-Key header, "
            + "a retry of the same request answers the same job without fetching anything again.")
    public Response cloneFromUrl(JsonObject body, @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.once(CallerAuthentication.caller(security).userId(), idempotencyKey, () -> Idempotency.of(body), () ->
                imports.cloneFromUrl(CallerAuthentication.caller(security), body));
    }

    private java.util.UUID caller() {
        return CallerAuthentication.caller(security).userId();
    }

    private static String text(JsonObject body, String key) {
        return body != null && body.get(key) instanceof JsonString s ? s.getString() : null;
    }
}
