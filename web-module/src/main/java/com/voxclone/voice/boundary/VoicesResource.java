package com.voxclone.voice.boundary;

import com.voxclone.account.boundary.SessionRequestGuard;
import com.voxclone.audit.boundary.RequestWay;
import com.voxclone.audit.entity.AuditEvent;
import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.account.entity.Caller;
import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.boundary.AudioResponses;
import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.audio.boundary.MultipartUpload;
import com.voxclone.audio.boundary.UploadLimited;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
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
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
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
    ModelChoice models;

    @Inject
    Watermarks watermarks;

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
    @Operation(operationId = "voice", summary = "One of your voices")
    public JsonObject get(@PathParam("voiceId") String voiceId) {
        return view(voice(voiceId));
    }

    @GET
    @Path("{voiceId}/reference")
    @Produces("audio/mpeg")
    @Operation(summary = "The normalised reference recording of a voice (MP3)")
    public Response reference(@PathParam("voiceId") String voiceId) {
        VoiceProfile v = voice(voiceId);
        return audio.stored(v.getReferenceMp3Id(), v.getVoiceId() + "-reference.mp3", "This voice has no reference recording.");
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
        List<Violation> problems = new ArrayList<>();
        Optional<String> name = Optional.empty();
        if (changes.containsKey("voiceName")) {
            String n = changes.get("voiceName") instanceof JsonString s ? s.getString() : null;
            problems.addAll(VoiceLimits.checkName("voiceName", n));
            name = Optional.ofNullable(n).map(String::strip);
        }
        Optional<VoiceSettings> settings = Optional.empty();
        if (changes.get("settings") instanceof JsonObject s) {
            VoiceSettings.Result parsed = VoiceSettings.parse(VoiceSettings.fieldsOf(s), current.getSettings());
            problems.addAll(parsed.violations());
            settings = Optional.ofNullable(parsed.settings());
            // The voice's own model must speak the language it is given.
            settings.flatMap(valid -> valid.languageProblem(current.getModel())).ifPresent(problems::add);
        }
        Optional<Boolean> active = Optional.empty();
        if (changes.containsKey("isActive")) {
            JsonValue a = changes.get("isActive");
            if (a != JsonValue.TRUE && a != JsonValue.FALSE) {
                problems.add(new Violation("isActive", "isActive must be true or false"));
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
    @UploadLimited
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({"audio/mpeg", "audio/wav"})
    @Operation(summary = "Re-speak a recording in a cloned voice (voice conversion)",
            description = "multipart/form-data: file (audio or video, same limits as cloning) and optional settings. "
                    + "MP3 by default, WAV with Accept: audio/wav.")
    public Response convert(@PathParam("voiceId") String voiceId, @Context HttpServletRequest request, @Context HttpHeaders headers) throws IOException {
        VoiceProfile voice = voices.speakable(caller().userId(), voiceId);
        try (MultipartUpload upload = MultipartUpload.receive(request, "file", inspector.limits().maxBytes())) {
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
            String model = models.forVoice(upload.fields().get(ModelChoice.FIELD), voice.getModel());
            ModelChoice.requireSpeaks(model, settings.settings());
            PcmAudio converted = speech.convert(caller().userId(), voice.getVoiceId(), model, source, settings.settings());
            PcmAudio marked = watermarks.markRecorded(converted, new AuditEvent("conversion", RequestWay.of(headers.getHeaderString(
                    SessionRequestGuard.CLIENT_HEADER)), caller().userId(), caller().userId(), voice.getVoiceId(), null,
                    source.durationMillis() + " ms of speech converted"));
            return ModelChoice.reportingIgnored(audio.speech(marked, headers.getAcceptableMediaTypes(), voice.getVoiceId() + "-converted"),
                    settings.settings(), model);
        }
    }

    private JsonObject view(VoiceProfile v) {
        return VoiceView.of(v, voices.samples(v.getId()).size());
    }

    private VoiceProfile voice(String voiceId) {
        return voices.owned(caller().userId(), voiceId);
    }

    private Caller caller() {
        return CallerAuthentication.caller(security);
    }
}
