package com.voxclone.onboarding.boundary;

import com.voxclone.consent.boundary.ConsentGate;
import com.voxclone.consent.boundary.ConsentResource;
import com.voxclone.consent.boundary.SpokenConsents;
import com.voxclone.account.boundary.SessionRequestGuard;
import com.voxclone.audit.boundary.RequestWay;
import com.voxclone.audit.entity.AuditEvent;
import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.account.entity.Caller;
import com.voxclone.audio.boundary.AudioResponses;
import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.audio.boundary.MediaRejectedException;
import com.voxclone.audio.boundary.MultipartUpload;
import com.voxclone.audio.boundary.UploadLimited;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.boundary.CallerJobs;
import com.voxclone.job.boundary.CloneSubmission;
import com.voxclone.job.boundary.JobEventStreams;
import com.voxclone.job.boundary.JobService;
import com.voxclone.job.entity.JobView;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.platform.boundary.Idempotency;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import com.voxclone.voice.boundary.SpeechClient;
import com.voxclone.voice.boundary.VoiceService;
import com.voxclone.voice.entity.VoiceLimits;
import com.voxclone.voice.entity.VoiceProfile;
import com.voxclone.watermark.boundary.Watermarks;
import com.voxclone.worker.boundary.ModelChoice;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The onboarding API: clone a voice from a recording, follow the job, test the voice, delete it. */
@Path("public/voice/onboarding")
@RequestScoped
public class OnboardingResource {

    @Inject
    ModelChoice models;

    @Inject
    JobService jobs;

    @Inject
    VoiceService voices;

    @Inject
    MediaInspector inspector;

    @Inject
    JobEventStreams streams;

    @Inject
    SpeechClient speech;

    @Inject
    AudioResponses audio;

    @Inject
    CloneSubmission submission;

    @Inject
    Idempotency idempotency;

    @Inject
    Watermarks watermarks;

    @Inject
    SpokenConsents recordings;

    @Inject
    ConsentGate consentGate;

    /** The challenge a clone request's consent recording answers: it must name one. */
    private UUID consentChallenge(Map<String, String> fields) {
        List<Violation> problems = new ArrayList<>();
        Optional<UUID> id = consentGate.challengeId(fields.get(ConsentGate.FIELD), problems);
        if (id.isEmpty() && problems.isEmpty()) {
            problems.add(new Violation(ConsentGate.FIELD, SpokenConsents.PART + " answers a consent challenge: send its id as "
                    + ConsentGate.FIELD + " (ask for one at " + ConsentResource.CHALLENGES_PATH + ")"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        return id.get();
    }

    /** Voices one batch may create. */
    static final int BATCH_SIZE = 5;

    @Context
    SecurityContext security;

    @POST
    @Path("clone")
    @UploadLimited
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clone a voice", description = "multipart/form-data: file (audio or video, up to 50 MB, 2 s to 5 min), "
            + "voiceName (1-100 chars), testText (optional, up to 60 chars), exaggeration (0.25-2.0), cfgWeight (0.5-3.0), "
            + "chunkSize (512-4096), temperature (0.05-5.0), speed (0.5-2.0), seed, segmentStart and segmentEnd (seconds, "
            + "optional: learn from that part of the recording only, 2 s to 5 min long), consentChallengeId (the consent "
            + "challenge its speaker answered) and, unless it was uploaded to the challenge already, consentAudio (the "
            + "speaker reading the challenge, up to 10 MB). Answers 202 with the job id. "
            + "With an Idempotency-Key header, a retry of the same request answers the same job.")
    public Response cloneVoice(@Context HttpServletRequest request, @HeaderParam(Idempotency.HEADER) String idempotencyKey)
            throws IOException {
        Caller caller = caller();
        try (MultipartUpload upload = MultipartUpload.receive(request, List.of(
                new MultipartUpload.FilePart("file", inspector.limits().maxBytes(), 1), SpokenConsents.FORM_PART))) {
            Map<String, String> fields = upload.fields();
            if (!upload.hasFile()) {
                throw Problem.of(Response.Status.BAD_REQUEST, "missing-file", "No file",
                        "Add the recording as the form field 'file' (" + com.voxclone.audio.entity.MediaType.allowedLabels() + ").").build();
            }
            if (upload.size() == 0) {
                throw MediaRejectedException.empty();
            }
            Optional<MultipartUpload.Received> consentAudio = upload.file(SpokenConsents.PART);
            return idempotency.once(caller.userId(), idempotencyKey, () -> Idempotency.of(fields, upload.file()), () -> {
                // The recording comes with the clone: kept with its challenge first, then the clone names the challenge.
                consentAudio.ifPresent(recording -> recordings.record(caller.userId(), consentChallenge(fields), recording));
                return submission.submit(caller, fields, upload.file());
            });
        }
    }

    @POST
    @Path("clone/batch")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clone several voices at once", description = "multipart/form-data: up to " + BATCH_SIZE + " parts "
            + "'file' (each as for a single clone), and 'voices': a JSON array with one object per file, in the same order, "
            + "holding that voice's fields (voiceName, testText, settings, segmentStart/segmentEnd). Every voice is checked "
            + "before any is accepted; all are accepted together, each as its own job. Answers 202 {\"jobs\": [...]} in the "
            + "order of the files; Idempotency-Key as for a single clone.")
    public Response cloneVoices(@Context HttpServletRequest request, @HeaderParam(Idempotency.HEADER) String idempotencyKey)
            throws IOException {
        Caller caller = caller();
        try (MultipartUpload upload = MultipartUpload.receive(request, "file", inspector.limits().maxBytes(), BATCH_SIZE)) {
            List<Map<String, String>> voices = batchFields(upload.fields().get("voices"), upload.files().size());
            for (MultipartUpload.Received file : upload.files()) {
                if (file.size() == 0) {
                    throw MediaRejectedException.empty();
                }
            }
            List<java.nio.file.Path> files = upload.files().stream().map(MultipartUpload.Received::file).toList();
            return idempotency.once(caller.userId(), idempotencyKey,
                    () -> Idempotency.of(upload.fields(), files),
                    () -> submission.submitBatch(caller, voices, files));
        }
    }

    /** The per-voice fields of a batch: a JSON array of objects, one per file. */
    private static List<Map<String, String>> batchFields(String json, int files) {
        if (files == 0) {
            throw Problem.of(Response.Status.BAD_REQUEST, "missing-file", "No file",
                    "Add the recordings as form fields named 'file', up to " + BATCH_SIZE + ".").build();
        }
        JsonArray voices;
        try (var reader = Json.createReader(new StringReader(json == null ? "" : json))) {
            voices = reader.readArray();
        } catch (RuntimeException e) {
            throw Problem.invalidFields(List.of(new Violation("voices", "voices must be a JSON array with one object per file")));
        }
        if (voices.size() != files || !voices.stream().allMatch(v -> v instanceof JsonObject)) {
            throw Problem.invalidFields(List.of(new Violation("voices", "voices must hold one object per file, in order: "
                    + files + " files, " + voices.size() + " entries")));
        }
        return voices.stream().map(v -> VoiceSettings.fieldsOf(v.asJsonObject())).toList();
    }

    @GET
    @Path("jobs/{jobId}/status")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Status of a clone job")
    public JsonObject status(@PathParam("jobId") String jobId) {
        return JobView.of(job(jobId));
    }

    @GET
    @Path("jobs/{jobId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live status of a clone job (Server-Sent Events)",
            description = "Sends the current state at once, then each change; closes after completed or failed.")
    public void events(@PathParam("jobId") String jobId, @Context SseEventSink sink, @Context Sse sse) {
        UUID id = job(jobId).getId();
        JobEventStreams.Subscriber subscriber = streams.subscribe(id, sink, sse);
        // Read the state after subscribing: a change in between is then sent twice at worst, never lost.
        VoiceCloneJob current = job(jobId);
        if (!subscriber.sendInitial(JobView.of(current))) {
            streams.unsubscribe(id, subscriber);
        }
    }

    @GET
    @Path("jobs/{jobId}/audio")
    @Produces({"audio/*", "video/*"})
    @Operation(summary = "The recording uploaded for a job")
    public Response uploadedAudio(@PathParam("jobId") String jobId) {
        VoiceCloneJob job = job(jobId);
        return audio.stored(job.getUploadAssetId(), "upload-" + job.getId(),
                "The recording of this job was deleted together with its voice.");
    }

    @GET
    @Path("jobs/{jobId}/result")
    @Produces("audio/mpeg")
    @Operation(summary = "The test text spoken by the new voice (MP3)")
    public Response result(@PathParam("jobId") String jobId) {
        VoiceCloneJob job = job(jobId);
        return audio.stored(job.getResultAssetId(), "test-" + job.getId() + ".mp3", job.getStatus().finished()
                ? "This job has no test audio (no test text was given, or the voice was deleted)."
                : "The test audio is not ready yet; the job is " + job.getStatus().value() + ".");
    }

    @POST
    @Path("test/{voiceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({"audio/mpeg", "audio/wav"})
    @Operation(summary = "Speak a text (up to 60 characters) with a cloned voice",
            description = "Body: {\"text\": \"...\", optional settings, optional \"model\" (by default the voice's own)}. "
                    + "MP3 by default, WAV with Accept: audio/wav.")
    public Response test(@PathParam("voiceId") String voiceId, JsonObject request, @Context HttpHeaders headers) {
        Caller caller = caller();
        VoiceProfile voice = voices.speakable(caller.userId(), voiceId);
        if (request == null) {
            throw Problem.invalidFields(VoiceLimits.checkText("text", null, true));
        }
        String text = request.containsKey("text") && request.get("text") instanceof JsonString s ? s.getString() : null;
        List<Violation> problems = new ArrayList<>(VoiceLimits.checkText("text", text, true));
        Map<String, String> fields = VoiceSettings.fieldsOf(request);
        VoiceSettings.Result settings = VoiceSettings.parse(fields, voice.getSettings());
        problems.addAll(settings.violations());
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        String model = models.forVoice(fields.get(ModelChoice.FIELD), voice.getModel());
        ModelChoice.requireSpeaks(model, settings.settings());
        var spoken = speech.speak(caller.userId(), voice.getVoiceId(), model, text.strip(), settings.settings());
        var marked = watermarks.markRecorded(spoken, new AuditEvent("synthesis", RequestWay.of(headers.getHeaderString(
                SessionRequestGuard.CLIENT_HEADER)), caller.userId(), caller.userId(), voice.getVoiceId(), text.strip(), "test sentence"));
        return ModelChoice.reportingIgnored(audio.speech(marked, headers.getAcceptableMediaTypes(), voice.getVoiceId()),
                settings.settings(), model);
    }

    @DELETE
    @Path("{voiceId}")
    @Operation(summary = "Delete a voice with its audio and cached conditioning")
    public Response delete(@PathParam("voiceId") String voiceId) {
        if (!voices.delete(caller().userId(), voiceId)) {
            throw Problem.notFound("There is no voice '" + voiceId + "'.");
        }
        return Response.noContent().build();
    }

    private VoiceCloneJob job(String jobId) {
        return CallerJobs.find(jobs, caller(), jobId);
    }

    private Caller caller() {
        return CallerAuthentication.caller(security);
    }
}
