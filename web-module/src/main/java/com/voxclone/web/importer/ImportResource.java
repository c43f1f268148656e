package com.voxclone.web.importer;

import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.importer.control.MediaImporter;
import com.voxclone.importer.control.YtDlp;
import com.voxclone.importer.entity.ImportLimits;
import com.voxclone.importer.entity.MediaItem;
import com.voxclone.web.onboarding.CloneSubmission;
import com.voxclone.web.security.CallerAuthentication;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.HashMap;
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

    @Inject
    ImportConfiguration configuration;

    @Inject
    MediaInspector inspector;

    @Inject
    CloneSubmission submission;

    @Context
    SecurityContext security;

    @GET
    @Path("capabilities")
    @Operation(summary = "What can be imported here: direct media links always, platforms when yt-dlp is installed")
    public JsonObject capabilities() {
        boolean platforms = new YtDlp(configuration.ytDlp(), ImportLimits.defaults()).installed();
        return Json.createObjectBuilder().add("directLinks", true).add("platforms", platforms).build();
    }

    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The media behind a URL", description = "Body: {\"url\": \"https://...\"}. A channel or playlist "
            + "lists its videos (up to 50); a video page or a direct media link gives one item.")
    public JsonObject items(JsonObject body) throws IOException, InterruptedException {
        URI url = MediaImporter.parse(text(body, "url"));
        var items = Json.createArrayBuilder();
        for (MediaItem item : importer().list(url)) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("url", item.url()).add("title", item.title());
            b.add("durationSeconds", item.durationSeconds() == null ? JsonValue.NULL : Json.createValue(item.durationSeconds()));
            b.add("thumbnailUrl", item.thumbnailUrl() == null ? JsonValue.NULL : Json.createValue(item.thumbnailUrl()));
            items.add(b);
        }
        return Json.createObjectBuilder().add("platform", MediaImporter.isPlatform(url)).add("items", items).build();
    }

    @POST
    @Path("clone")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clone a voice from a media URL", description = "Body: {\"url\", \"voiceName\", \"testText\", "
            + "settings...} as for the upload. The media is fetched (up to 50 MB), checked like an upload, and the job "
            + "answered with 202 as for an upload.")
    public Response cloneFromUrl(JsonObject body) throws IOException, InterruptedException {
        URI url = MediaImporter.parse(text(body, "url"));
        Map<String, String> fields = new HashMap<>();
        if (body != null) {
            body.forEach((k, v) -> fields.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
        }
        java.nio.file.Path dir = Files.createTempDirectory("voxclone-import-");
        try {
            java.nio.file.Path media = importer().fetch(url, dir);
            return submission.submit(CallerAuthentication.caller(security), fields, media);
        } finally {
            try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private MediaImporter importer() {
        return configuration.importer(inspector.limits().maxBytes());
    }

    private static String text(JsonObject body, String key) {
        return body != null && body.get(key) instanceof JsonString s ? s.getString() : null;
    }
}
