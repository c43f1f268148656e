package com.voxclone.speech.boundary;

import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.account.entity.Caller;
import com.voxclone.job.boundary.CloneSubmission;
import com.voxclone.job.boundary.JobService;
import com.voxclone.platform.boundary.Idempotency;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.quota.boundary.Quotas;
import com.voxclone.speech.control.VoiceChoice;
import com.voxclone.speech.entity.SpeechParameters;
import com.voxclone.voice.boundary.VoiceService;
import com.voxclone.voice.entity.VoiceProfile;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Long speech as a job: the same request as {@code /v1/audio/speech}, answered at once with a job to follow. */
@Path("public/voice/speech/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SpeechJobsResource {

    @Inject
    JobService jobs;

    @Inject
    VoiceService voices;

    @Inject
    VoiceChoice choice;

    @Inject
    Quotas quotas;

    @Inject
    Idempotency idempotency;

    @Inject
    @ConfigProperty(name = "voxclone.speech.max-input-characters", defaultValue = "50000")
    int maxInput;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Speak a long text as a job", description = "Body: as for POST /v1/audio/speech (model, input, voice, "
            + "response_format, speed, VoxClone's settings). Answers 202 with the job; its status and events carry "
            + "\"progress\" (percent of the text spoken) and, when completed, \"resultUrl\" (the audio in the requested "
            + "format). Same states, events and administration as clone jobs; Idempotency-Key as for them.")
    public Response submit(JsonObject body, @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        Caller caller = CallerAuthentication.caller(security);
        return idempotency.once(caller.userId(), idempotencyKey, () -> Idempotency.of(body), () -> {
            SpeechParameters.Parsed parsed = SpeechParameters.parse(body, maxInput);
            if (!parsed.violations().isEmpty()) {
                throw Problem.invalidFields(parsed.violations());
            }
            quotas.requireSynthesisAllowance(caller.userId());
            VoiceProfile voice = voices.speakable(caller.userId(), choice.idOf(caller.userId(), parsed.parameters().voice()));
            return CloneSubmission.accepted(jobs.submitSpeech(caller.userId(), voice, body.toString(),
                    parsed.parameters().input().length()));
        });
    }
}
