package com.voxclone.job.boundary;

import com.voxclone.account.entity.Caller;
import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.audio.entity.MediaInfo;
import com.voxclone.audio.entity.SourceSegment;
import com.voxclone.consent.boundary.ConsentGate;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.entity.CloneRequest;
import com.voxclone.job.entity.JobView;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import com.voxclone.storage.entity.AudioFacts;
import com.voxclone.voice.entity.VoiceProfile;
import com.voxclone.worker.boundary.ModelChoice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Turns a received recording and the form's fields into a clone job: one path for uploads and imports. */
@ApplicationScoped
public class CloneSubmission {

    @Inject
    JobService jobs;

    @Inject
    MediaInspector inspector;

    @Inject
    ConsentGate consentGate;

    @Inject
    ModelChoice models;

    /** Checks the fields and the recording, submits the job and answers 202 with its addresses. */
    public Response submit(Caller caller, Map<String, String> fields, Path recording) {
        return accepted(jobs.submit(caller.userId(), checked(caller, fields, recording, "")));
    }

    /**
     * Several voices at once: each recording with its own fields. All are checked before any is accepted, and all are
     * accepted in one transaction; 202 lists the jobs in the order of the recordings.
     */
    public Response submitBatch(Caller caller, List<Map<String, String>> fields, List<Path> recordings) {
        List<JobService.NewClone> clones = new ArrayList<>();
        for (int i = 0; i < recordings.size(); i++) {
            clones.add(checked(caller, fields.get(i), recordings.get(i), "voices[" + i + "]."));
        }
        var list = Json.createArrayBuilder();
        jobs.submitAll(caller.userId(), clones).forEach(job -> list.add(view(job)));
        return Response.accepted(Json.createObjectBuilder().add("jobs", list).build()).build();
    }

    /** The clone request in {@code fields} with its recording checked; fields named with {@code prefix} in errors. */
    private JobService.NewClone checked(Caller caller, Map<String, String> fields, Path recording, String prefix) {
        List<Violation> problems = new ArrayList<>(CloneRequest.check(fields.get("voiceName"), fields.get("testText")));
        VoiceSettings.Result settings = VoiceSettings.parse(fields, VoiceSettings.defaults());
        problems.addAll(settings.violations());
        String model = models.forNewVoice(fields.get(ModelChoice.FIELD), ModelChoice.FIELD, problems);
        if (model != null) {
            VoiceSettings.languageProblem(fields.get(VoiceSettings.LANGUAGE), model).ifPresent(problems::add);
        }
        SourceSegment.Request segment = SourceSegment.read(fields, problems);
        Optional<UUID> consent = consentGate.challengeId(fields.get(ConsentGate.FIELD), problems);
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems.stream().map(v -> new Violation(prefix + v.field(), v.message())).toList());
        }
        // Before the recording is inspected and stored: a request without a usable consent costs nothing.
        consentGate.admit(caller.userId(), consent, prefix);
        Checked checked = check(recording, segment);
        return new JobService.NewClone(new CloneRequest(fields.get("voiceName"), fields.get("testText"), settings.settings(), model),
                recording, checked.contentType(), checked.facts(), checked.segment(), consent);
    }

    /** A recording to add to one of the caller's voices: checked like any upload, then queued. */
    public Response submitSample(Caller caller, VoiceProfile voice, Map<String, String> fields, Path recording) {
        List<Violation> problems = new ArrayList<>();
        SourceSegment.Request segment = SourceSegment.read(fields, problems);
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        Checked checked = check(recording, segment);
        return accepted(jobs.submitSample(caller.userId(), voice, recording, checked.contentType(), checked.facts(),
                checked.segment()));
    }

    private record Checked(String contentType, AudioFacts facts, Optional<SourceSegment> segment) {
    }

    /** The recording's type and facts, and the segment to learn from checked against its length. */
    private Checked check(Path recording, SourceSegment.Request segment) {
        MediaInfo media = inspector.inspect(recording);
        List<Violation> problems = new ArrayList<>();
        Optional<SourceSegment> resolved = SourceSegment.resolve(segment, media.durationMillis(), inspector.limits(), problems);
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        return new Checked(media.type().contentType(), new AudioFacts(media.durationMillis(), media.sampleRate()), resolved);
    }

    /** 202 with the job's id and where to follow it. */
    public static Response accepted(VoiceCloneJob job) {
        return Response.accepted(view(job)).location(URI.create(JobView.API_BASE + job.getId() + "/status")).build();
    }

    private static JsonObject view(VoiceCloneJob job) {
        return Json.createObjectBuilder()
                .add("jobId", job.getId().toString())
                .add("status", job.getStatus().value())
                .add("statusUrl", JobView.API_BASE + job.getId() + "/status")
                .add("eventsUrl", JobView.API_BASE + job.getId() + "/events")
                .build();
    }
}
