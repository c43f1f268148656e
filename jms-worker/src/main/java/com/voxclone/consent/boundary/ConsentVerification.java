package com.voxclone.consent.boundary;

import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.signal.boundary.SpeakerPrint;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.consent.control.SpokenWords;
import com.voxclone.consent.entity.ConsentChallenge;
import com.voxclone.consent.entity.ConsentPolicy;
import com.voxclone.consent.entity.ConsentText;
import com.voxclone.storage.boundary.AssetStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides, in the worker, whether a voice may be cloned: the consent recording must say its challenge (offline
 * recognition constrained to the challenge vocabulary) and be spoken by the voice being cloned (speaker prints), or
 * an administrator must have overridden it. A sample added to an existing voice must be that voice. The verdict is
 * recorded with the job's outcome, in its transaction.
 */
@ApplicationScoped
public class ConsentVerification {

    private static final Logger LOG = Logger.getLogger(ConsentVerification.class.getName());

    @Inject
    ConsentRecords records;

    @Inject
    AssetStore assets;

    @Inject
    AudioPipeline audio;

    /**
     * The largest speaker-print distance between two recordings still taken for one speaker. Chosen from measured
     * false-accept and false-reject rates (RESPONSIBLE.md); lower refuses more impostors and more genuine speakers.
     */
    @Inject
    @ConfigProperty(name = "voxclone.consent.max-speaker-distance", defaultValue = "0.28")
    double maxSpeakerDistance;

    private volatile SpokenWords recognizer;

    /**
     * What was decided about a voice's consent.
     *
     * @param accepted  whether the consent holds (or the sample is the voice's speaker)
     * @param enforced  whether a refusal stops the voice: always, except under the {@code off} policy, where a consent
     *                  given is still checked and its verdict kept, but nothing is refused
     * @param reason    why not, for the person who asked; null when accepted
     * @param challenge the consent used, if any
     * @param heard     what the recogniser heard, if it listened
     * @param distance  the speaker-print distance, if voices were compared
     */
    public record Verdict(boolean accepted, boolean enforced, String reason, Optional<ConsentChallenge> challenge, String heard,
            Double distance) {

        /** Whether the voice must not be created (or the sample not added). */
        public boolean blocks() {
            return !accepted && enforced;
        }
    }

    /** Whether the new voice of job {@code jobId}, learned from {@code reference}, has the consent it needs. */
    public Verdict forNewVoice(UUID jobId, PcmAudio reference) {
        boolean enforced = records.policy() == ConsentPolicy.REQUIRE;
        Optional<ConsentChallenge> used = records.ofJob(jobId);
        if (used.isEmpty()) {
            return enforced
                    ? new Verdict(false, enforced, "No spoken consent was given for this voice, and this installation requires it. "
                            + "Submit the recording again with a consent challenge its speaker has read aloud.", used, null, null)
                    : new Verdict(true, enforced, null, used, null, null);
        }
        ConsentChallenge challenge = used.get();
        if (challenge.isOverride()) {
            return new Verdict(true, enforced, null, used, null, null);
        }
        PcmAudio spoken = consentRecording(challenge);
        String heard = recognizer().transcribe(spoken.pcm16());
        ConsentText.Check words = ConsentText.check(challenge.getSpokenText(), heard);
        if (!words.passed()) {
            return new Verdict(false, enforced, "The consent recording was not accepted: " + words.explanation() + ". The speaker "
                    + "must read the whole challenge aloud: \"" + challenge.getSpokenText() + "\"", used, heard, null);
        }
        Optional<Double> distance = distance(List.of(reference), spoken);
        if (distance.isEmpty()) {
            return new Verdict(false, enforced, "The consent recording was not accepted: it holds too little speech to recognise "
                    + "its speaker. Record the whole challenge, clearly and without long pauses.", used, heard, null);
        }
        if (distance.get() > maxSpeakerDistance) {
            return new Verdict(false, enforced, "The consent recording was not accepted: its voice does not match the voice in the "
                    + "recording to clone (" + describe(distance.get()) + "). The person whose voice is cloned must record the "
                    + "consent themselves.", used, heard, distance.get());
        }
        return new Verdict(true, enforced, null, used, heard, distance.get());
    }

    /**
     * Whether {@code added} may join a voice learned from {@code existing}: under the {@code require} policy its
     * speaker must be the voice's, since the voice's consent covers that speaker only.
     */
    public Verdict forAddedSample(List<PcmAudio> existing, PcmAudio added) {
        if (records.policy() == ConsentPolicy.OFF || existing.isEmpty()) {
            return new Verdict(true, true, null, Optional.empty(), null, null);
        }
        Optional<Double> distance = distance(existing, added);
        if (distance.isEmpty()) {
            return new Verdict(false, true, "The added recording holds too little speech to recognise its speaker.", Optional.empty(),
                    null, null);
        }
        if (distance.get() > maxSpeakerDistance) {
            return new Verdict(false, true, "The added recording was not accepted: its voice is not this voice's ("
                    + describe(distance.get()) + "), and the consent given covers only the voice's own speaker. Clone "
                    + "another speaker as a new voice, with their own consent.", Optional.empty(), null, distance.get());
        }
        return new Verdict(true, true, null, Optional.empty(), null, distance.get());
    }

    /**
     * Records the verdict on the consent used, in the caller's transaction (the job's); {@code voiceId} is the voice
     * created, if one was (a refused consent under the {@code off} policy is kept with the voice it did not stop).
     */
    public void record(Verdict verdict, String voiceId) {
        verdict.challenge().ifPresent(c -> {
            LOG.info(() -> "Consent " + c.getId() + " for job " + c.getJobId() + (verdict.accepted() ? " accepted" : " refused")
                    + (c.isOverride() ? " (administrator's override)" : "") + (verdict.distance() == null ? ""
                    : String.format(Locale.ROOT, ", speaker distance %.3f", verdict.distance()))
                    + (verdict.heard() == null ? "" : ", heard \"" + verdict.heard() + "\""));
            if (verdict.accepted()) {
                records.verified(c.getId(), voiceId, verdict.heard(), verdict.distance());
            } else {
                records.refused(c.getId(), voiceId, verdict.reason(), verdict.heard(), verdict.distance());
            }
        });
    }

    private String describe(double distance) {
        return String.format(Locale.ROOT, "speaker distance %.2f, at most %.2f is accepted", distance, maxSpeakerDistance);
    }

    /** The smallest distance from {@code spoken} to any of {@code voice}'s recordings, empty when one holds too little speech. */
    private static Optional<Double> distance(List<PcmAudio> voice, PcmAudio spoken) {
        try {
            SpeakerPrint print = SpeakerPrint.of(spoken.samples(), spoken.sampleRate());
            return voice.stream().map(r -> SpeakerPrint.of(r.samples(), r.sampleRate()).distanceTo(print).total())
                    .min(Double::compare);
        } catch (IllegalArgumentException tooLittleSpeech) {
            return Optional.empty();
        }
    }

    private PcmAudio consentRecording(ConsentChallenge challenge) {
        Path copy = null;
        try (InputStream in = assets.open(challenge.getAudioAssetId())) {
            copy = Files.createTempFile("voxclone-consent-", ".media");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return audio.decode(copy, SpokenWords.RATE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the consent recording", e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a temporary file; the system cleans its temporary directory
                }
            }
        }
    }

    private SpokenWords recognizer() {
        SpokenWords r = recognizer;
        if (r == null) {
            synchronized (this) {
                r = recognizer;
                if (r == null) {
                    long began = System.nanoTime();
                    r = new SpokenWords();
                    recognizer = r;
                    long ms = (System.nanoTime() - began) / 1_000_000;
                    LOG.info(() -> "Speech recogniser for consent recordings ready in " + ms + " ms");
                }
            }
        }
        return r;
    }
}
