package com.voxclone.onboarding.boundary;

import static com.voxclone.audio.entity.MediaType.AVI;
import static com.voxclone.audio.entity.MediaType.MOV;
import static com.voxclone.audio.entity.MediaType.MP4;
import static com.voxclone.audio.entity.MediaType.WEBM;

import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.account.entity.Caller;
import com.voxclone.audio.boundary.AudioResponses;
import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.audio.boundary.MultipartUpload;
import com.voxclone.audio.boundary.UploadLimited;
import com.voxclone.audio.entity.MediaLimits;
import com.voxclone.job.boundary.CallerJobs;
import com.voxclone.job.boundary.JobService;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.onboarding.entity.VoiceConsent;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The identity verification of a clone job: the accepted consent statement and the spoken consent recording. */
@Path("public/voice/onboarding/jobs/{jobId}/consent")
@RequestScoped
public class ConsentResource {

    /** A spoken sentence of consent needs only seconds of audio. */
    static final long MAX_AUDIO_BYTES = 10L * 1024 * 1024;
    /** A spoken consent is a sentence or two: long enough to be heard, short enough to be a statement. */
    static final MediaLimits CONSENT_LIMITS = new MediaLimits(MAX_AUDIO_BYTES, Duration.ofSeconds(1), Duration.ofMinutes(2));
    /** Enough of the file to recognise its format from the bytes. */
    private static final int HEAD_BYTES = 64 * 1024;

    @Inject
    OnboardingRecords records;

    @Inject
    JobService jobs;

    @Inject
    AudioResponses audio;

    @Inject
    MediaInspector inspector;

    @Context
    SecurityContext security;

    @POST
    @UploadLimited
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the consent for a clone job", description = "multipart/form-data: consentAudio (the spoken "
            + "consent: WebM, OGG, MP3, WAV, M4A or FLAC, up to 10 MB, 1 s to 2 min), consentStatement (the statement accepted), "
            + "signerName (who gives consent). Once per job.")
    public Response record(@PathParam("jobId") String jobId, @Context HttpServletRequest request) throws IOException {
        VoiceCloneJob job = job(jobId);
        try (MultipartUpload upload = MultipartUpload.receive(request, "consentAudio", MAX_AUDIO_BYTES)) {
            String signer = upload.fields().getOrDefault("signerName", "").strip();
            String statement = upload.fields().getOrDefault("consentStatement", "").strip();
            String type = upload.hasFile() && upload.size() > 0 ? audioType(upload.file()) : null;
            List<Violation> problems = new ArrayList<>();
            if (signer.isEmpty() || signer.length() > VoiceConsent.MAX_SIGNER) {
                problems.add(new Violation("signerName", "signerName is required (1 to 200 characters)"));
            }
            if (statement.isEmpty() || statement.length() > VoiceConsent.MAX_STATEMENT) {
                problems.add(new Violation("consentStatement", "consentStatement is required (1 to 2000 characters)"));
            }
            if (!upload.hasFile() || upload.size() == 0) {
                problems.add(new Violation("consentAudio", "consentAudio must hold the spoken consent recording"));
            } else if (type == null) {
                problems.add(new Violation("consentAudio",
                        "consentAudio must be a WebM, OGG, MP3, WAV, M4A or FLAC recording; '" + upload.fileName()
                                + "' is none of these"));
            }
            if (!problems.isEmpty()) {
                throw Problem.invalidFields(problems);
            }
            // Decoded like any upload: a recording without sound or of the wrong length is refused, not kept.
            inspector.inspect(upload.file(), CONSENT_LIMITS);
            VoiceConsent consent;
            try (InputStream in = Files.newInputStream(upload.file())) {
                consent = records.recordConsent(job.getId(), caller().userId(), signer, statement, in, type);
            } catch (EJBException e) {
                if (e.getCause() instanceof IllegalStateException) {
                    throw Problem.of(Response.Status.CONFLICT, "consent-exists", "Consent already recorded",
                            "Consent for this job was already recorded; it cannot be replaced.").build();
                }
                throw e;
            }
            return Response.status(Response.Status.CREATED).entity(view(consent)).build();
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "consent", summary = "The consent recorded for a clone job")
    public JsonObject get(@PathParam("jobId") String jobId) {
        return view(consent(jobId));
    }

    @GET
    @Path("audio")
    @Produces("audio/*")
    @Operation(summary = "The spoken consent recording of a clone job")
    public Response audio(@PathParam("jobId") String jobId) {
        VoiceConsent consent = consent(jobId);
        return audio.stored(consent.getAudioAssetId(), "consent-" + consent.getJobId(),
                "The spoken consent of this job is no longer stored.");
    }

    private VoiceConsent consent(String jobId) {
        return records.consent(job(jobId).getId())
                .orElseThrow(() -> Problem.notFound("No consent was recorded for job '" + jobId + "'."));
    }

    private JsonObject view(VoiceConsent c) {
        return Json.createObjectBuilder()
                .add("jobId", c.getJobId().toString())
                .add("signerName", c.getSignerName())
                .add("consentStatement", c.getStatement())
                .add("hasAudio", c.getAudioAssetId() != null)
                .add("audioUrl", "/api/public/voice/onboarding/jobs/" + c.getJobId() + "/consent/audio")
                .add("createdAt", c.getCreatedAt().toInstant().toString())
                .build();
    }

    /** The recording's type judged from its bytes (a browser's recording is WebM or OGG audio), or null. */
    static String audioType(java.nio.file.Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        return com.voxclone.audio.entity.MediaType.sniff(head)
                .filter(t -> t != MP4 && t != MOV && t != AVI)
                .map(t -> t == WEBM ? "audio/webm" : t.contentType())
                .orElse(null);
    }

    private VoiceCloneJob job(String jobId) {
        return CallerJobs.find(jobs, caller(), jobId);
    }

    private Caller caller() {
        return CallerAuthentication.caller(security);
    }
}
