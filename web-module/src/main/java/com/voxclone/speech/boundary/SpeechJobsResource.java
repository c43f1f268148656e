package com.voxclone.speech.boundary;

import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.account.entity.Caller;
import com.voxclone.job.boundary.CloneSubmission;
import com.voxclone.job.boundary.JobService;
import com.voxclone.platform.boundary.Idempotency;
import com.voxclone.speech.control.SpeechRequests;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Long speech as a job: the same request as {@code /v1/audio/speech}, answered at once with a job to follow. */
@Path("public/voice/speech/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SpeechJobsResource {

    @Inject
    JobService jobs;

    @Inject
    SpeechRequests requests;

    @Inject
    Idempotency idempotency;

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
            SpeechRequests.Accepted accepted = requests.accept(caller.userId(), body);
            return CloneSubmission.accepted(jobs.submitSpeech(caller.userId(), accepted.voice(), accepted.model(), body.toString(),
                    accepted.parameters().input().length()));
        });
    }
}
