package com.voxclone.consent.boundary;

import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.account.boundary.SessionRequestGuard;
import com.voxclone.audit.boundary.RequestWay;
import com.voxclone.account.entity.Caller;
import com.voxclone.audio.boundary.AudioResponses;
import com.voxclone.audio.boundary.MultipartUpload;
import com.voxclone.audio.boundary.UploadLimited;
import com.voxclone.consent.entity.ConsentChallenge;
import com.voxclone.consent.entity.ConsentText;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
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
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Spoken consent: the statement a speaker accepts, the challenges they read aloud, and their recordings. A clone
 * request names the answered challenge as {@code consentChallengeId}; the worker checks that the recording says the
 * challenge and that its voice is the voice being cloned.
 */
@Path("public/voice/consent")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    public static final String CHALLENGES_PATH = "/api/public/voice/consent/challenges";

    @Inject
    ConsentRecords records;

    @Inject
    AudioResponses audio;

    @Inject
    SpokenConsents recordings;

    @Context
    SecurityContext security;

    @GET
    @Path("statement")
    @Operation(summary = "The consent statement and this installation's consent policy", description = "Answers "
            + "{\"version\", \"text\", \"policy\"}: the statement a speaker accepts when asking for a challenge, and whether "
            + "this installation requires verified spoken consent for every new voice (require) or not (off: development only).")
    public JsonObject statement() {
        return Json.createObjectBuilder()
                .add("version", ConsentText.STATEMENT_VERSION)
                .add("text", ConsentText.STATEMENT)
                .add("policy", records.policy().value())
                .add("challengeValidMinutes", ConsentChallenge.VALID_FOR.toMinutes())
                .build();
    }

    @POST
    @Path("challenges")
    @Operation(summary = "Accept the consent statement and get a text to read aloud", description = "Optional body: "
            + "{\"statementVersion\": \"...\"}, the version the speaker read (refused with 409 if the statement has changed "
            + "since). Records the acceptance (who, when, version, client address) and answers 201 {\"challengeId\", \"text\", "
            + "\"expiresAt\"}: the speaker reads the text aloud; upload the recording to the challenge's recording, then "
            + "send challengeId as consentChallengeId with the clone request within 10 minutes. Each challenge serves one voice.")
    public Response issue(JsonObject body, @Context HttpServletRequest request) {
        if (body != null && body.get("statementVersion") instanceof JsonString version
                && !version.getString().equals(ConsentText.STATEMENT_VERSION)) {
            throw Problem.of(Response.Status.CONFLICT, "statement-changed", "The consent statement has changed",
                    "The statement was changed since version " + version.getString() + "; read the current one (version "
                            + ConsentText.STATEMENT_VERSION + ") and accept that.").build();
        }
        ConsentChallenge challenge = records.issue(caller().userId(), request.getRemoteAddr(),
                RequestWay.of(request.getHeader(SessionRequestGuard.CLIENT_HEADER)));
        return Response.created(URI.create(CHALLENGES_PATH + "/" + challenge.getId())).entity(view(challenge)).build();
    }

    @GET
    @Path("challenges/{id}")
    @Operation(summary = "A consent challenge: its text, whether it is recorded or used, and the verdict on it")
    public JsonObject challenge(@PathParam("id") String id) {
        return view(challengeOf(id));
    }

    @POST
    @Path("challenges/{id}/recording")
    @UploadLimited
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload the spoken consent for a challenge", description = "multipart/form-data: consentAudio, the "
            + "speaker reading the challenge's text (WebM, OGG, MP3, WAV, M4A or FLAC, up to 10 MB, 1 s to 2 min). Replaces "
            + "an earlier recording of the same challenge until a clone request uses it.")
    public JsonObject record(@PathParam("id") String id, @Context HttpServletRequest request) throws IOException {
        UUID challengeId = challengeOf(id).getId();
        try (MultipartUpload upload = MultipartUpload.receive(request, SpokenConsents.PART, SpokenConsents.MAX_BYTES)) {
            MultipartUpload.Received recording = upload.file(SpokenConsents.PART).orElseThrow(() -> Problem.invalidFields(
                    List.of(new Violation(SpokenConsents.PART, SpokenConsents.PART
                            + " must hold the recording of the speaker reading the challenge's text"))));
            return view(recordings.record(caller().userId(), challengeId, recording));
        }
    }

    @GET
    @Path("challenges/{id}/recording")
    @Produces("audio/*")
    @Operation(summary = "The spoken consent recorded for a challenge")
    public Response recording(@PathParam("id") String id) {
        ConsentChallenge challenge = challengeOf(id);
        if (challenge.getAudioAssetId() == null) {
            throw Problem.notFound("No recording was uploaded for the consent challenge '" + id + "'.");
        }
        return audio.stored(challenge.getAudioAssetId(), "consent-" + challenge.getId(),
                "The recording of this consent is no longer stored.");
    }

    private ConsentChallenge challengeOf(String id) {
        return records.find(caller().userId(), Problem.idOrNotFound(id, "consent challenge"))
                .orElseThrow(() -> Problem.notFound("There is no consent challenge '" + id + "' of yours."));
    }

    /** A challenge as its owner and the administrators see it. */
    public static JsonObject view(ConsentChallenge c) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("challengeId", c.getId().toString())
                .add("text", c.getSpokenText())
                .add("statementVersion", c.getStatementVersion())
                .add("createdAt", c.getCreatedAt().toInstant().toString())
                .add("expiresAt", c.getExpiresAt().toInstant().toString())
                .add("recorded", c.getAudioAssetId() != null)
                .add("recordingUrl", CHALLENGES_PATH + "/" + c.getId() + "/recording")
                .add("used", c.getUsedAt() != null);
        if (c.isOverride()) {
            b.add("override", Json.createObjectBuilder().add("by", c.getOverrideBy().toString()).add("reason", c.getOverrideReason()));
        }
        if (c.getJobId() != null) {
            b.add("jobId", c.getJobId().toString());
        }
        if (c.getVerdict() != null) {
            JsonObjectBuilder verdict = Json.createObjectBuilder().add("result", c.getVerdict())
                    .add("decidedAt", c.getDecidedAt().toInstant().toString());
            if (c.getVerdictDetail() != null) {
                verdict.add("reason", c.getVerdictDetail());
            }
            if (c.getWordsHeard() != null) {
                verdict.add("wordsHeard", c.getWordsHeard());
            }
            if (c.getSpeakerDistance() != null) {
                verdict.add("speakerDistance", c.getSpeakerDistance());
            }
            if (c.getVoiceId() != null) {
                verdict.add("voiceId", c.getVoiceId());
            }
            b.add("verdict", verdict);
        }
        return b.build();
    }

    private Caller caller() {
        return CallerAuthentication.caller(security);
    }
}
