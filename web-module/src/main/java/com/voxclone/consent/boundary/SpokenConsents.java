package com.voxclone.consent.boundary;

import static com.voxclone.audio.entity.MediaType.AVI;
import static com.voxclone.audio.entity.MediaType.MOV;
import static com.voxclone.audio.entity.MediaType.MP4;
import static com.voxclone.audio.entity.MediaType.WEBM;

import com.voxclone.audio.boundary.MediaInspector;
import com.voxclone.audio.boundary.MultipartUpload;
import com.voxclone.audio.entity.MediaInfo;
import com.voxclone.audio.entity.MediaLimits;
import com.voxclone.consent.entity.ConsentChallenge;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import com.voxclone.storage.entity.AudioFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Recordings of spoken consent, received in a form part of their own ({@value #PART}): on their challenge's recording
 * endpoint, or inside a clone request with the challenge they answer. Checked like any upload before they are kept.
 */
@ApplicationScoped
public class SpokenConsents {

    /** The form part that holds a consent recording. */
    public static final String PART = "consentAudio";
    /** A spoken sentence of consent needs only seconds of audio. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    /** The challenge is a sentence and four words: long enough to be heard, short enough to be a statement. */
    static final MediaLimits LIMITS = new MediaLimits(MAX_BYTES, Duration.ofSeconds(1), Duration.ofMinutes(2));
    /** Enough of the file to recognise its format from the bytes. */
    private static final int HEAD_BYTES = 64 * 1024;

    /** The form part a form that may carry a consent recording accepts. */
    public static final MultipartUpload.FilePart FORM_PART = new MultipartUpload.FilePart(PART, MAX_BYTES, 1);

    @Inject
    ConsentRecords records;

    @Inject
    MediaInspector inspector;

    /**
     * Keeps {@code recording} as the spoken answer to challenge {@code challengeId} of {@code userId}.
     *
     * @throws Problem 400 for an empty file or one that is no audio recording; 422 (from the inspection) for audio that
     *                 cannot be decoded or is too short or long
     */
    public ConsentChallenge record(UUID userId, UUID challengeId, MultipartUpload.Received recording) {
        try {
            String type = recording.size() > 0 ? audioType(recording.file()) : null;
            if (recording.size() == 0) {
                throw Problem.invalidFields(List.of(new Violation(PART,
                        PART + " must hold the recording of the speaker reading the challenge's text")));
            }
            if (type == null) {
                throw Problem.invalidFields(List.of(new Violation(PART, PART + " must be a WebM, OGG, MP3, WAV, M4A or FLAC "
                        + "recording; '" + recording.fileName() + "' is none of these")));
            }
            // Decoded like any upload: a recording without sound or of the wrong length is refused, not kept.
            MediaInfo media = inspector.inspect(recording.file(), LIMITS);
            try (InputStream in = Files.newInputStream(recording.file())) {
                return records.record(userId, challengeId, in, type, new AudioFacts(media.durationMillis(), media.sampleRate()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the consent recording could not be read back", e);
        }
    }

    /** The recording's type judged from its bytes (a browser's recording is WebM or OGG audio), or null. */
    static String audioType(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        return com.voxclone.audio.entity.MediaType.sniff(head)
                .filter(t -> t != MP4 && t != MOV && t != AVI)
                .map(t -> t == WEBM ? "audio/webm" : t.contentType())
                .orElse(null);
    }
}
