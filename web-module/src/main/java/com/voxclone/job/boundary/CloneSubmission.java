package com.voxclone.job.boundary;

import com.voxclone.account.entity.Caller;
import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.audio.entity.MediaInfo;
import com.voxclone.audio.entity.SourceSegment;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.entity.CloneRequest;
import com.voxclone.job.entity.JobView;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import com.voxclone.storage.entity.AudioFacts;
import com.voxclone.voice.entity.VoiceProfile;
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

/** Turns a received recording and the form's fields into a clone job: one path for uploads and imports. */
@ApplicationScoped
public class CloneSubmission {

    @Inject
    JobService jobs;

    @Inject
    MediaInspector inspector;

    /** Checks the fields and the recording, submits the job and answers 202 with its addresses. */
    public Response submit(Caller caller, Map<String, String> fields, Path recording) {
        List<Violation> problems = new ArrayList<>(CloneRequest.check(fields.get("voiceName"), fields.get("testText")));
        VoiceSettings.Result settings = VoiceSettings.parse(fields, VoiceSettings.defaults());
        problems.addAll(settings.violations());
        SourceSegment.Request segment = SourceSegment.read(fields, problems);
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        Checked checked = check(recording, segment);
        return accepted(jobs.submit(caller.userId(),
                new CloneRequest(fields.get("voiceName"), fields.get("testText"), settings.settings()),
                recording, checked.contentType(), checked.facts(), checked.segment()));
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
        String statusUrl = JobView.API_BASE + job.getId() + "/status";
        JsonObject body = Json.createObjectBuilder()
                .add("jobId", job.getId().toString())
                .add("status", job.getStatus().value())
                .add("statusUrl", statusUrl)
                .add("eventsUrl", JobView.API_BASE + job.getId() + "/events")
                .build();
        return Response.accepted(body).location(URI.create(statusUrl)).build();
    }
}
