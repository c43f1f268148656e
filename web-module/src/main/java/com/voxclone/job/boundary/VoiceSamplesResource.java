package com.voxclone.job.boundary;

import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.account.entity.Caller;
import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.audio.boundary.MultipartUpload;
import com.voxclone.audio.boundary.UploadLimited;
import com.voxclone.platform.boundary.Idempotency;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.voice.boundary.VoiceService;
import com.voxclone.voice.entity.VoiceProfile;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The recordings a voice of the caller is made from. Adding or removing one starts a job that enrols the voice again
 * from all its samples, which is why this resource belongs to the job component rather than the voice library.
 */
@Path("public/voice/voices/{voiceId}/samples")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class VoiceSamplesResource {

    @Inject
    VoiceService voices;

    @Inject
    MediaInspector inspector;

    @Inject
    CloneSubmission submissions;

    @Inject
    JobService jobs;

    @Inject
    Idempotency idempotency;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The recordings a voice was enrolled from")
    public JsonArray samples(@PathParam("voiceId") String voiceId) {
        var list = Json.createArrayBuilder();
        voices.samples(voice(voiceId).getId()).forEach(s -> list.add(Json.createObjectBuilder()
                .add("sampleId", s.getId().toString())
                .add("durationMs", s.getDurationMs())
                .add("createdAt", s.getCreatedAt().toInstant().toString())));
        return list.build();
    }

    @POST
    @UploadLimited
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Add a recording to a voice", description = "multipart/form-data: file (same limits as cloning), "
            + "optional segmentStart and segmentEnd (seconds) to use part of it. "
            + "Answers 202 with a job that enrols the voice again from all its samples. With an Idempotency-Key header, a "
            + "retry of the same request answers the same job.")
    public Response addSample(@PathParam("voiceId") String voiceId, @Context HttpServletRequest request,
                              @HeaderParam(Idempotency.HEADER) String idempotencyKey) throws IOException {
        VoiceProfile voice = voice(voiceId);
        try (MultipartUpload upload = MultipartUpload.receive(request, "file", inspector.limits().maxBytes())) {
            if (!upload.hasFile()) {
                throw Problem.of(Response.Status.BAD_REQUEST, "missing-file", "No file",
                        "Add the recording as the form field 'file'.").build();
            }
            return idempotency.once(caller().userId(), idempotencyKey, () -> Idempotency.of(upload.fields(), upload.file()),
                    () -> submissions.submitSample(caller(), voice, upload.fields(), upload.file()));
        }
    }

    @DELETE
    @Path("{sampleId}")
    @Operation(summary = "Remove a recording from a voice", description = "Answers 202 with a job that enrols the voice "
            + "again from the remaining samples; 409 for the only sample.")
    public Response removeSample(@PathParam("voiceId") String voiceId, @PathParam("sampleId") String sampleId) {
        VoiceProfile voice = voice(voiceId);
        UUID id = Problem.idOrNotFound(sampleId, "sample");
        try {
            if (!voices.removeSample(caller().userId(), voiceId, id)) {
                throw Problem.notFound("There is no sample '" + sampleId + "' of this voice.");
            }
        } catch (VoiceService.LastSampleException e) {
            throw Problem.of(Response.Status.CONFLICT, "last-sample", "Only sample", e.getMessage()).build();
        }
        return CloneSubmission.accepted(jobs.submitReenrolment(caller().userId(), voice));
    }

    private VoiceProfile voice(String voiceId) {
        return voices.owned(caller().userId(), voiceId);
    }

    private Caller caller() {
        return CallerAuthentication.caller(security);
    }
}
