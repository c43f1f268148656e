package com.voxclone.watermark.boundary;

import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.account.entity.Caller;
import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.audio.boundary.MultipartUpload;
import com.voxclone.audio.boundary.UploadLimited;
import com.voxclone.audio.entity.MediaLimits;
import com.voxclone.audit.boundary.AuditTrail;
import com.voxclone.audit.boundary.AuditView;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.signal.boundary.Watermark;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Tells whether a recording is VoxClone's synthetic speech: every output carries a watermark. Anyone signed in may ask;
 * administrators also learn which output it was (its audit event), when the clip holds enough of the watermark.
 */
@Path("public/voice/watermark")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WatermarkResource {

    static final String PART = "file";
    /** Presence needs about 3 s of speech; a shorter clip is refused rather than answered with a guess. */
    static final Duration MIN_DURATION = Duration.ofSeconds(1);

    @Inject
    Watermarks watermarks;

    @Inject
    MediaInspector inspector;

    @Inject
    AudioPipeline pipeline;

    @Inject
    AuditTrail audit;

    @Context
    SecurityContext security;

    @POST
    @Path("detect")
    @UploadLimited
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Detect VoxClone's watermark in a recording", description = "multipart/form-data: file (any "
            + "audio or video format accepted for cloning, 1 s to the longest allowed recording). Answers watermarked, "
            + "confidence (1 minus a bound on the chance that unmarked speech scores as high), score and threshold; "
            + "administrators also get watermarkId and the audit events of that output when the clip identifies it.")
    public JsonObject detect(@Context HttpServletRequest request) throws IOException {
        MediaLimits limits = inspector.limits();
        try (MultipartUpload upload = MultipartUpload.receive(request, PART, limits.maxBytes())) {
            if (!upload.hasFile() || upload.size() == 0) {
                throw Problem.of(Response.Status.BAD_REQUEST, "missing-file", "No file",
                        "Add the recording to examine as the form field '" + PART + "'.").build();
            }
            inspector.inspect(upload.file(), new MediaLimits(limits.maxBytes(), MIN_DURATION, limits.maxDuration()));
            Watermarks.Found found = watermarks.detect(pipeline.decode(upload.file(), Watermark.DETECTION_RATE));
            return view(found, caller().admin());
        }
    }

    private JsonObject view(Watermarks.Found found, boolean administrator) {
        Watermark.Detection d = found.detection();
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("watermarked", d.watermarked())
                .add("confidence", round(d.confidence(), 6))
                .add("score", round(d.score(), 2))
                .add("threshold", round(watermarks.threshold(), 2))
                .add("analysedSeconds", round(found.analysedSeconds(), 2));
        if (administrator && d.watermarked()) {
            Optional<Watermark.Identification> id = found.identification();
            if (id.isPresent()) {
                JsonArrayBuilder records = Json.createArrayBuilder();
                audit.search(AuditTrail.Filter.byWatermark(id.get().id()), 10).forEach(e -> records.add(AuditView.of(e)));
                b.add("watermarkId", id.get().id()).add("identificationScore", round(id.get().score(), 2)).add("records", records);
            } else {
                b.addNull("watermarkId").add("note", "The watermark is present, but this clip holds too little of it to tell "
                        + "which output it came from; a longer or cleaner clip (6 s of speech or more) usually does.");
            }
        }
        return b.build();
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private Caller caller() {
        return CallerAuthentication.caller(security);
    }
}
