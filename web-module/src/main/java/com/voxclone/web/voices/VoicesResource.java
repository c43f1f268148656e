package com.voxclone.web.voices;

import com.voxclone.account.entity.Caller;
import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.voice.control.SpeechClient;
import com.voxclone.job.boundary.JobService;
import com.voxclone.web.onboarding.CloneSubmission;
import com.voxclone.web.onboarding.MultipartUpload;
import jakarta.ws.rs.DELETE;
import java.util.UUID;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.entity.CloneRequest;
import com.voxclone.voice.boundary.VoiceService;
import com.voxclone.voice.entity.VoiceProfile;
import com.voxclone.web.onboarding.AudioResponses;
import com.voxclone.web.problem.Problem;
import com.voxclone.web.security.CallerAuthentication;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller's voice library. */
@Path("public/voice/voices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class VoicesResource {

    @Inject
    VoiceService voices;

    @Inject
    AudioResponses audio;

    @Inject
    MediaInspector inspector;

    @Inject
    AudioPipeline pipeline;

    @Inject
    SpeechClient speech;

    @Inject
    CloneSubmission submissions;

    @Inject
    JobService jobs;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Your voices, newest first")
    public JsonArray list() {
        var list = Json.createArrayBuilder();
        voices.ofUser(caller().userId()).forEach(v -> list.add(view(v)));
        return list.build();
    }

    @GET
    @Path("{voiceId}")
    @Operation(summary = "One of your voices")
    public JsonObject get(@PathParam("voiceId") String voiceId) {
        return view(voice(voiceId));
    }

    @GET
    @Path("{voiceId}/reference")
    @Produces("audio/mpeg")
    @Operation(summary = "The normalised reference recording of a voice (MP3)")
    public Response reference(@PathParam("voiceId") String voiceId) {
        VoiceProfile v = voice(voiceId);
        if (v.getReferenceMp3Id() == null) {
            throw Problem.notFound("This voice has no reference recording.");
        }
        return audio.stored(v.getReferenceMp3Id(), v.getVoiceId() + "-reference.mp3");
    }

    @PATCH
    @Path("{voiceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a voice, change its stored settings, or (de)activate it",
            description = "Body: any of {\"voiceName\": \"...\", \"settings\": {...}, \"isActive\": true|false}.")
    public JsonObject update(@PathParam("voiceId") String voiceId, JsonObject changes) {
        VoiceProfile current = voice(voiceId);
        if (changes == null) {
            changes = JsonValue.EMPTY_JSON_OBJECT;
        }
        List<VoiceSettings.Violation> problems = new ArrayList<>();
        Optional<String> name = Optional.empty();
        if (changes.containsKey("voiceName")) {
            String n = changes.get("voiceName") instanceof JsonString s ? s.getString() : null;
            problems.addAll(CloneRequest.check(n, null));
            name = Optional.ofNullable(n).map(String::strip);
        }
        Optional<VoiceSettings> settings = Optional.empty();
        if (changes.get("settings") instanceof JsonObject s) {
            VoiceSettings.Result parsed = VoiceSettings.parse(VoiceSettings.fieldsOf(s), current.getSettings());
            problems.addAll(parsed.violations());
            settings = Optional.ofNullable(parsed.settings());
        }
        Optional<Boolean> active = Optional.empty();
        if (changes.containsKey("isActive")) {
            JsonValue a = changes.get("isActive");
            if (a != JsonValue.TRUE && a != JsonValue.FALSE) {
                problems.add(new VoiceSettings.Violation("isActive", "isActive must be true or false"));
            } else {
                active = Optional.of(a == JsonValue.TRUE);
            }
        }
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        return view(voices.update(caller().userId(), voiceId, name, settings, active));
    }

    @POST
    @Path("{voiceId}/convert")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({"audio/mpeg", "audio/wav"})
    @Operation(summary = "Re-speak a recording in a cloned voice (voice conversion)",
            description = "multipart/form-data: file (audio or video, same limits as cloning) and optional settings. "
                    + "MP3 by default, WAV with Accept: audio/wav.")
    public Response convert(@PathParam("voiceId") String voiceId, List<EntityPart> parts, @Context HttpHeaders headers) throws IOException {
        VoiceProfile voice = voice(voiceId);
        try (MultipartUpload upload = MultipartUpload.receive(parts, "file", inspector.limits().maxBytes())) {
            if (!upload.hasFile() || upload.size() == 0) {
                throw Problem.of(Response.Status.BAD_REQUEST, "missing-file", "No file",
                        "Add the recording to convert as the form field 'file'.").build();
            }
            VoiceSettings.Result settings = VoiceSettings.parse(upload.fields(), voice.getSettings());
            if (!settings.valid()) {
                throw Problem.invalidFields(settings.violations());
            }
            inspector.inspect(upload.file());
            var source = pipeline.decode(upload.file(), PcmAudio.MODEL_RATE);
            return audio.speech(speech.convert(voice.getVoiceId(), source, settings.settings()),
                    headers.getAcceptableMediaTypes(), voice.getVoiceId() + "-converted");
        }
    }

    @GET
    @Path("{voiceId}/samples")
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
    @Path("{voiceId}/samples")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Add a recording to a voice", description = "multipart/form-data: file (same limits as cloning), "
            + "optional segmentStart and segmentEnd (seconds) to use part of it. "
            + "Answers 202 with a job that enrols the voice again from all its samples.")
    public Response addSample(@PathParam("voiceId") String voiceId, List<EntityPart> parts) throws IOException {
        VoiceProfile voice = voice(voiceId);
        try (MultipartUpload upload = MultipartUpload.receive(parts, "file", inspector.limits().maxBytes())) {
            if (!upload.hasFile()) {
                throw Problem.of(Response.Status.BAD_REQUEST, "missing-file", "No file",
                        "Add the recording as the form field 'file'.").build();
            }
            return submissions.submitSample(caller(), voice, upload.fields(), upload.file());
        }
    }

    @DELETE
    @Path("{voiceId}/samples/{sampleId}")
    @Operation(summary = "Remove a recording from a voice", description = "Answers 202 with a job that enrols the voice "
            + "again from the remaining samples; 409 for the only sample.")
    public Response removeSample(@PathParam("voiceId") String voiceId, @PathParam("sampleId") String sampleId) {
        VoiceProfile voice = voice(voiceId);
        UUID id;
        try {
            id = UUID.fromString(sampleId);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("There is no sample '" + sampleId + "' of this voice.");
        }
        try {
            if (!voices.removeSample(caller().userId(), voiceId, id)) {
                throw Problem.notFound("There is no sample '" + sampleId + "' of this voice.");
            }
        } catch (VoiceService.LastSampleException e) {
            throw Problem.of(Response.Status.CONFLICT, "last-sample", "Only sample", e.getMessage()).build();
        }
        return CloneSubmission.accepted(jobs.submitReenrolment(caller().userId(), voice));
    }

    private JsonObject view(VoiceProfile v) {
        return VoiceView.of(v, voices.samples(v.getId()).size());
    }

    private VoiceProfile voice(String voiceId) {
        return voices.find(caller().userId(), false, voiceId)
                .orElseThrow(() -> Problem.notFound("There is no voice '" + voiceId + "'."));
    }

    private Caller caller() {
        return CallerAuthentication.caller(security);
    }
}
