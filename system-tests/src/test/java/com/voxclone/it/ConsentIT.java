package com.voxclone.it;

import static com.voxclone.it.Api.ONBOARDING;
import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.offline.control.BaseVoice;
import com.voxclone.engine.offline.control.FreeTtsVoice;
import com.voxclone.engine.offline.control.MaryTtsVoice;
import com.voxclone.engine.offline.entity.ProsodyTargets;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spoken consent under the default policy (require), on a stack of its own: no voice without consent on any way in;
 * the speaker reading the challenge gets the voice, once; another speaker, other words, a used challenge are refused;
 * an administrator's override stands in for a recording; the consent goes with the voice. The speakers are two
 * offline synthetic voices (a female HSMM voice and a male diphone voice) that a recogniser can follow.
 */
class ConsentIT {

    private static final String CONSENT = "/api/public/voice/consent";
    private static final Duration JOB = Duration.ofMinutes(3);

    private static VoxCloneStack stack;
    private static Api api;
    private static BaseVoice woman;
    private static BaseVoice man;
    private static Path womansReference;

    @BeforeAll
    static void start() throws Exception {
        stack = VoxCloneStack.embedded("consent", Map.of("VOXCLONE_CONSENT_POLICY", "require")).start();
        api = new Api(stack.baseUri());
        woman = new MaryTtsVoice("cmu-slt-hsmm");
        man = new FreeTtsVoice();
        woman.start();
        man.start();
        womansReference = recording("reference-woman", woman, Media.SENTENCE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    private static Path recording(String name, BaseVoice voice, String text) throws Exception {
        PcmAudio speech = voice.synthesize(text, ProsodyTargets.NEUTRAL);
        return Media.file(name, MediaType.WAV, speech);
    }

    /** A new challenge of {@code key}'s, answered by {@code voice} reading {@code text} (the challenge's own when null). */
    private static String answeredChallenge(String key, BaseVoice voice, String text) throws Exception {
        HttpResponse<String> issued = api.postJson(CONSENT + "/challenges", key, "{}");
        assertEquals(201, issued.statusCode(), issued.body());
        JsonObject challenge = json(issued);
        String id = challenge.getString("challengeId");
        Path spoken = recording("consent-" + id, voice, text == null ? challenge.getString("text") : text);
        HttpResponse<String> recorded = api.multipart(CONSENT + "/challenges/" + id + "/recording", key, Map.of(), "consentAudio",
                Files.readAllBytes(spoken), "consent.wav", HttpResponse.BodyHandlers.ofString());
        assertEquals(200, recorded.statusCode(), recorded.body());
        assertTrue(json(recorded).getBoolean("recorded"));
        return id;
    }

    private static HttpResponse<String> cloneWith(String key, String name, String consentId) throws Exception {
        Map<String, String> fields = new HashMap<>(Map.of("voiceName", name));
        if (consentId != null) {
            fields.put("consentChallengeId", consentId);
        }
        return api.upload(key, fields, womansReference);
    }

    @Test
    void theStatementAndPolicyArePublishedAndAChallengeIsFreshAndShort() throws Exception {
        String key = api.createUser("Reader");
        JsonObject statement = json(api.get(CONSENT + "/statement", key));
        assertEquals("require", statement.getString("policy"));
        assertTrue(statement.getString("text").contains("consent"), statement.toString());

        JsonObject a = json(api.postJson(CONSENT + "/challenges", key, "{\"statementVersion\":\"" + statement.getString("version") + "\"}"));
        JsonObject b = json(api.postJson(CONSENT + "/challenges", key, "{}"));
        assertTrue(a.getString("text").startsWith("I consent to a synthetic copy of my voice: "), a.toString());
        assertTrue(!a.getString("text").equals(b.getString("text")), "two challenges with the same words");
        Duration valid = Duration.between(java.time.Instant.parse(a.getString("createdAt")), java.time.Instant.parse(a.getString("expiresAt")));
        assertEquals(Duration.ofMinutes(10), valid);
        UploadValidationIT.assertProblem(api.postJson(CONSENT + "/challenges", key, "{\"statementVersion\":\"1999-01-01\"}"), 409, "changed");
        // Another user cannot see it.
        UploadValidationIT.assertProblem(api.get(CONSENT + "/challenges/" + a.getString("challengeId"), api.createUser("Other")), 404, "no consent challenge");
    }

    @Test
    void withoutConsentNoVoiceIsCreatedOnAnyWayIn() throws Exception {
        String key = api.createUser("No consent");
        UploadValidationIT.assertProblem(cloneWith(key, "Unconsented", null), 400, "spoken consent");
        HttpResponse<String> batch = api.multipart(ONBOARDING + "/clone/batch", key, Map.of(),
                Map.of("voices", "[{\"voiceName\":\"One\"}]"), List.of(Api.FilePart.of("file", womansReference)),
                HttpResponse.BodyHandlers.ofString());
        UploadValidationIT.assertProblem(batch, 400, "voices[0].consentChallengeId");
        String unrecorded = json(api.postJson(CONSENT + "/challenges", key, "{}")).getString("challengeId");
        UploadValidationIT.assertProblem(cloneWith(key, "Unrecorded", unrecorded), 409, "no recording");
        UploadValidationIT.assertProblem(cloneWith(key, "Unknown", java.util.UUID.randomUUID().toString()), 409, "no consent challenge");
        // An import is refused before it downloads anything: the address below would not even be allowed.
        UploadValidationIT.assertProblem(api.postJson("/api/public/voice/import/clone", key,
                "{\"url\":\"http://127.0.0.1:9/reference.wav\",\"voiceName\":\"Imported\"}"), 400, "spoken consent");
        assertEquals(0, ((jakarta.json.JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body())).size());
    }

    @Test
    void theSpeakerReadingTheChallengeGetsTheVoiceOnceAndTheConsentGoesWithIt() throws Exception {
        String key = api.createUser("Consenting");
        String consent = answeredChallenge(key, woman, null);
        HttpResponse<String> accepted = cloneWith(key, "Consented", consent);
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonObject job = api.awaitFinished(key, json(accepted).getString("jobId"), JOB);
        assertEquals("completed", job.getString("status"), job.toString());
        JsonObject verdict = json(api.get(CONSENT + "/challenges/" + consent, key)).getJsonObject("verdict");
        assertEquals("verified", verdict.getString("result"), verdict.toString());
        assertEquals(job.getString("voiceId"), verdict.getString("voiceId"));

        UploadValidationIT.assertProblem(cloneWith(key, "Again", consent), 409, "already used");

        // A sample of the same speaker joins the voice without new consent; another speaker's is refused.
        String samples = "/api/public/voice/voices/" + job.getString("voiceId") + "/samples";
        HttpResponse<String> same = api.multipart(samples, key, Map.of(), Files.readAllBytes(recording("more-woman", woman,
                "A second recording of the same speaker, reading another sentence for the voice.")), "more.wav",
                HttpResponse.BodyHandlers.ofString());
        assertEquals("completed", api.awaitFinished(key, json(same).getString("jobId"), JOB).getString("status"));
        HttpResponse<String> other = api.multipart(samples, key, Map.of(), Files.readAllBytes(recording("more-man", man,
                "A recording of somebody else, reading a sentence for a voice that is not his.")), "other.wav",
                HttpResponse.BodyHandlers.ofString());
        JsonObject refused = api.awaitFinished(key, json(other).getString("jobId"), JOB);
        assertEquals("failed", refused.getString("status"), refused.toString());
        assertTrue(refused.getString("error").contains("its voice is not this voice's"), refused.toString());

        assertEquals(204, api.delete(ONBOARDING + "/" + job.getString("voiceId"), key).statusCode());
        UploadValidationIT.assertProblem(api.get(CONSENT + "/challenges/" + consent, key), 404, "no consent challenge");
    }

    @Test
    void anEnterpriseSystemOnTheMessageBusNeedsTheConsentToo() throws Exception {
        String key = api.createUser("Integrated");
        String userId = json(api.get("/api/public/account", key)).getString("userId");
        HttpResponse<String> created = api.postJson("/api/admin/jms-clients", VoxCloneStack.ADMIN_KEY,
                "{\"name\":\"HR system\",\"userId\":\"" + userId + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject account = json(created);
        byte[] reference = Files.readAllBytes(womansReference);
        java.util.function.Function<String, EnterpriseJmsIT.RequestFactory> clone = consent -> session -> {
            jakarta.jms.BytesMessage m = session.createBytesMessage();
            m.writeBytes(reference);
            m.setStringProperty("request", "clone");
            m.setStringProperty("voiceName", "Over the bus");
            if (consent != null) {
                m.setStringProperty("consentChallengeId", consent);
            }
            return m;
        };

        JsonObject refused = EnterpriseJmsIT.ask(account, clone.apply(null), 60);
        assertEquals(400, refused.getInt("status"), refused.toString());
        assertTrue(refused.getJsonObject("body").getString("type").endsWith("consent-required"), refused.toString());

        JsonObject accepted = EnterpriseJmsIT.ask(account, clone.apply(answeredChallenge(key, woman, null)), 60);
        assertEquals(202, accepted.getInt("status"), accepted.toString());
        JsonObject job = api.awaitFinished(key, accepted.getJsonObject("body").getString("jobId"), JOB);
        assertEquals("completed", job.getString("status"), job.toString());
    }

    @Test
    void theConsentRecordingMayComeWithTheCloneRequest() throws Exception {
        String key = api.createUser("All in one");
        JsonObject challenge = json(api.postJson(CONSENT + "/challenges", key, "{}"));
        Api.FilePart spoken = Api.FilePart.of("consentAudio", recording("inline-consent", woman, challenge.getString("text")));
        Api.FilePart sample = Api.FilePart.of("file", womansReference);

        HttpResponse<String> without = api.multipart(ONBOARDING + "/clone", key, Map.of(), Map.of("voiceName", "Inline"),
                List.of(sample, spoken), HttpResponse.BodyHandlers.ofString());
        UploadValidationIT.assertProblem(without, 400, "send its id as consentChallengeId");

        HttpResponse<String> accepted = api.multipart(ONBOARDING + "/clone", key, Map.of(),
                Map.of("voiceName", "Inline", "consentChallengeId", challenge.getString("challengeId")), List.of(sample, spoken),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonObject job = api.awaitFinished(key, json(accepted).getString("jobId"), JOB);
        assertEquals("completed", job.getString("status"), job.toString());
    }

    @Test
    void administratorsChooseThePolicyWhileTheProductRuns() throws Exception {
        String key = api.createUser("Policy");
        String policy = "/api/admin/consent/policy";
        assertEquals(403, api.putJson(policy, key, "{\"policy\":\"off\"}").statusCode());
        UploadValidationIT.assertProblem(api.putJson(policy, VoxCloneStack.ADMIN_KEY, "{\"policy\":\"maybe\"}"), 400, "require");
        try {
            JsonObject off = json(api.putJson(policy, VoxCloneStack.ADMIN_KEY, "{\"policy\":\"off\"}"));
            assertEquals("off", off.getString("policy"));
            assertEquals("require", off.getString("configured"));
            assertEquals("off", json(api.get(CONSENT + "/statement", key)).getString("policy"));
            HttpResponse<String> accepted = cloneWith(key, "Without consent", null);
            assertEquals(202, accepted.statusCode(), accepted.body());
            assertEquals("completed", api.awaitFinished(key, json(accepted).getString("jobId"), JOB).getString("status"));
        } finally {
            JsonObject back = json(api.putJson(policy, VoxCloneStack.ADMIN_KEY, "{\"policy\":null}"));
            assertEquals("require", back.getString("policy"));
        }
        UploadValidationIT.assertProblem(cloneWith(key, "Refused again", null), 400, "spoken consent");
        jakarta.json.JsonArray changes = (jakarta.json.JsonArray) Api.parseStructure(
                api.get("/api/admin/audit?action=consent.policy-changed&limit=2", VoxCloneStack.ADMIN_KEY).body());
        assertEquals("require (the deployment's setting)", changes.getJsonObject(0).getString("detail"), changes.toString());
        assertEquals("off (chosen by an administrator)", changes.getJsonObject(1).getString("detail"), changes.toString());
    }

    @Test
    void anotherSpeakerReadingTheChallengeIsRefused() throws Exception {
        String key = api.createUser("Impostor");
        HttpResponse<String> accepted = cloneWith(key, "Not hers", answeredChallenge(key, man, null));
        JsonObject job = api.awaitFinished(key, json(accepted).getString("jobId"), JOB);
        assertEquals("failed", job.getString("status"), job.toString());
        assertTrue(job.getString("error").contains("does not match the voice"), job.toString());
    }

    @Test
    void theRightSpeakerReadingOtherWordsIsRefused() throws Exception {
        String key = api.createUser("Wrong words");
        String other = "I consent to a synthetic copy of my voice: blanket, eleven, orange, twenty.";
        String consent = answeredChallenge(key, woman, other);
        String text = json(api.get(CONSENT + "/challenges/" + consent, key)).getString("text");
        HttpResponse<String> accepted = cloneWith(key, "Replayed", consent);
        JsonObject job = api.awaitFinished(key, json(accepted).getString("jobId"), JOB);
        assertEquals("failed", job.getString("status"), job.toString());
        assertTrue(job.getString("error").contains("not heard"), job.toString());
        assertTrue(job.getString("error").contains(text), job.toString());
        JsonObject verdict = json(api.get(CONSENT + "/challenges/" + consent, key)).getJsonObject("verdict");
        assertEquals("refused", verdict.getString("result"));
    }

    @Test
    void anAdministratorsOverrideStandsInForTheRecording() throws Exception {
        String key = api.createUser("Overridden");
        String userId = json(api.get("/api/public/account", key)).getString("userId");
        UploadValidationIT.assertProblem(api.postJson("/api/admin/consent/overrides", VoxCloneStack.ADMIN_KEY,
                "{\"userId\":\"" + userId + "\"}"), 400, "reason");
        UploadValidationIT.assertProblem(api.postJson("/api/admin/consent/overrides", key,
                "{\"userId\":\"" + userId + "\",\"reason\":\"written consent on file, ticket 4711\"}"), 403, "");
        HttpResponse<String> override = api.postJson("/api/admin/consent/overrides", VoxCloneStack.ADMIN_KEY,
                "{\"userId\":\"" + userId + "\",\"reason\":\"written consent on file, ticket 4711\"}");
        assertEquals(201, override.statusCode(), override.body());
        String consent = json(override).getString("challengeId");
        JsonObject job = api.awaitFinished(key, json(cloneWith(key, "By decision", consent)).getString("jobId"), JOB);
        assertEquals("completed", job.getString("status"), job.toString());
        JsonObject seen = json(api.get(CONSENT + "/challenges/" + consent, key));
        assertEquals("overridden", seen.getJsonObject("verdict").getString("result"));
        assertEquals("written consent on file, ticket 4711", seen.getJsonObject("override").getString("reason"));
    }
}
