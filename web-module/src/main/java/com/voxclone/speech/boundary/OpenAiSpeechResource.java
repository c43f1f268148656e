package com.voxclone.speech.boundary;

import com.voxclone.audit.entity.WayIn;
import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.account.entity.Caller;
import com.voxclone.audio.boundary.AudioOutput;
import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.platform.boundary.ConcurrencyLimit;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.speech.control.PieceSynthesis;
import com.voxclone.speech.control.SpeechAssembly;
import com.voxclone.speech.control.SpeechRequests;
import com.voxclone.speech.entity.SpeechModels;
import com.voxclone.speech.entity.SpeechParameters;
import com.voxclone.voice.boundary.VoiceService;
import com.voxclone.worker.boundary.ModelChoice;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Speech in the shape of OpenAI's audio API, so that its clients work with VoxClone by changing only the base URL
 * ({@code /v1}) and the key. Any length of text: it is spoken in pieces by the workers and the audio leaves, encoded in
 * the requested format, as soon as the first piece is ready. Synthesis runs on a managed executor, never on a request
 * thread, and at most {@code voxclone.speech.max-concurrent} at once on this node.
 */
@Path("v1")
@Tag(name = "OpenAI-compatible speech", description = "Also served without the /api prefix: /v1/audio/speech, /v1/models, "
        + "/v1/models/{model} and /v1/voices answer exactly as their /api/v1/... counterparts (same authentication and limits), "
        + "so that OpenAI clients can be given http://host:port/v1 as their base URL.")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class OpenAiSpeechResource {

    private static final Instant STARTED = Instant.now();

    @Inject
    VoiceService voices;

    @Inject
    SpeechRequests requests;

    @Inject
    ModelChoice modelChoice;

    @Inject
    PieceSynthesis synthesis;

    @Inject
    AudioPipeline pipeline;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "voxclone.speech.max-concurrent", defaultValue = "8")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "voxclone.speech.max-concurrent-per-user", defaultValue = "4")
    int maxPerUser;

    @Inject
    @ConfigProperty(name = "voxclone.speech.timeout-minutes", defaultValue = "30")
    int timeoutMinutes;

    private ConcurrencyLimit running;

    @PostConstruct
    void limits() {
        running = new ConcurrencyLimit(maxConcurrent, maxPerUser);
    }

    @POST
    @Path("audio/speech")
    @Consumes(MediaType.APPLICATION_JSON)
    // Any Accept: clients ask for application/octet-stream or nothing; the answer's type follows response_format.
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Speak text with one of your voices (OpenAI-compatible)", description = "Body: {\"model\": "
            + "\"voxclone\" (or tts-1, tts-1-hd, gpt-4o-mini-tts: the voice's own model) or a model the workers hold "
            + "(chatterbox, chatterbox-turbo, offline; see GET /v1/models), \"input\": any text up to "
            + "voxclone.speech.max-input-characters, \"voice\": a voice id or the name of one of your voices, "
            + "\"response_format\": mp3|opus|aac|flac|wav|pcm (pcm: 24 kHz 16-bit mono little-endian, no header), "
            + "\"speed\": 0.25-4.0 (tempo, pitch unchanged), \"instructions\" (accepted, not used by the current engines), "
            + "\"stream_format\": audio|sse, and VoxClone's exaggeration, cfg_weight, temperature, seed, language (en), "
            + "stream (false: one complete file with its length)}. Audio streams as it is made; errors in OpenAI's shape.")
    public void speech(JsonObject body, @Suspended AsyncResponse async, @Context SecurityContext security) {
        Caller caller = CallerAuthentication.caller(security);
        SpeechRequests.Accepted accepted = requests.accept(caller.userId(), body);
        ConcurrencyLimit.Slot slot = running.take(caller.userId()).orElseThrow(() -> Problem.of(503, "busy",
                "Too many speech requests at once", "Too many speech requests are running: at most " + running.maxPerUser()
                        + " at once for each person and " + running.maxAll() + " on this server. Try again in a moment.")
                .header("Retry-After", "5").build());
        async.setTimeout(timeoutMinutes, TimeUnit.MINUTES);
        executor.execute(() -> {
            try (slot) {
                async.resume(ModelChoice.reportingIgnored(answer(caller.userId(), accepted), accepted.settings(), accepted.model()));
            } catch (RuntimeException | IOException e) {
                async.resume(e);
            }
        });
    }

    /**
     * Waits for the first piece before answering, so that a request that cannot be spoken at all gets its error status;
     * afterwards the audio streams (or, with {@code stream: false}, is collected into one file first).
     */
    private Response answer(UUID userId, SpeechRequests.Accepted accepted) throws IOException {
        SpeechParameters request = accepted.parameters();
        PieceSynthesis.Pieces pieces = synthesis.start(userId, accepted.voice().getVoiceId(), accepted.model(), request.input(),
                accepted.settings(), WayIn.OPENAI);
        PcmAudio first;
        try {
            first = pieces.next().orElseThrow();
        } catch (RuntimeException e) {
            pieces.close();
            throw e;
        }
        if (request.sse()) {
            return Response.ok((StreamingOutput) out -> ServerSentSpeech.write(first, pieces, request, pipeline, out))
                    .type("text/event-stream").header("Cache-Control", "no-store").build();
        }
        String type = request.format().contentType();
        if (request.stream()) {
            return Response.ok((StreamingOutput) out -> SpeechAssembly.write(first, pieces, request.tempo(),
                    pipeline.stream(request.format(), out))).type(type).build();
        }
        java.nio.file.Path file = Files.createTempFile("voxclone-speech-", "." + request.format().id());
        try (OutputStream out = Files.newOutputStream(file); AudioOutput encoded = pipeline.stream(request.format(), out)) {
            SpeechAssembly.write(first, pieces, request.tempo(), encoded);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        pipeline.completeStreamedFile(request.format(), file);
        return Response.ok((StreamingOutput) out -> {
            try {
                Files.copy(file, out);
            } finally {
                Files.deleteIfExists(file);
            }
        }).type(type).header("Content-Length", Files.size(file)).build();
    }

    @GET
    @Path("models")
    @Operation(summary = "The model names speech requests accept (OpenAI-compatible list): the aliases for a voice's own "
            + "model and the models the workers hold")
    public JsonObject models() {
        JsonArrayBuilder data = Json.createArrayBuilder();
        names().forEach(id -> data.add(model(id)));
        return Json.createObjectBuilder().add("object", "list").add("data", data).build();
    }

    @GET
    @Path("models/{model}")
    @Operation(summary = "One model")
    public JsonObject model(@PathParam("model") String model) {
        if (!names().contains(model)) {
            throw Problem.of(404, "model-not-found", "Not found", "The model '" + model + "' does not exist; models are "
                    + String.join(", ", names()) + ".").build();
        }
        return Json.createObjectBuilder().add("id", model).add("object", "model")
                .add("created", STARTED.getEpochSecond()).add("owned_by", "voxclone").build();
    }

    private List<String> names() {
        return Stream.concat(SpeechModels.IDS.stream(), modelChoice.onOffer().stream()).toList();
    }

    @GET
    @Path("voices")
    @Operation(summary = "The caller's voices, for speech clients: id (use it as voice), name, whether it can speak")
    public JsonObject voiceList(@Context SecurityContext security) {
        JsonArrayBuilder data = Json.createArrayBuilder();
        voices.ofUser(CallerAuthentication.caller(security).userId()).forEach(v -> data.add(Json.createObjectBuilder()
                .add("id", v.getVoiceId()).add("object", "voice").add("name", v.getVoiceName())
                .add("active", v.isActive()).add("created", v.getCreatedAt().toEpochSecond())));
        return Json.createObjectBuilder().add("object", "list").add("data", data).build();
    }
}
