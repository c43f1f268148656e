package com.voxclone.speech.control;

import com.voxclone.audio.boundary.AudioOutput;
import com.voxclone.audit.entity.AuditEvent;
import com.voxclone.audit.entity.WayIn;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.voice.boundary.SpeechClient;
import com.voxclone.voice.entity.TextPieces;
import com.voxclone.watermark.boundary.Watermarks;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Speaks a text of any length: split where sentences and clauses end into pieces the engines speak well, each piece
 * sent to the workers as its own synthesis request (several at once, so idle workers share a long text), and the audio
 * handed back in the text's order as each piece arrives. The whole output carries one watermark, whose id the
 * synthesis's audit event records.
 */
@ApplicationScoped
public class PieceSynthesis {

    /** Characters per piece: well within what Chatterbox speaks well (about 300 characters, 25 s). */
    public static final int PIECE_CHARACTERS = 250;
    /** The first piece is shorter: the listener hears nothing until it is spoken. */
    public static final int FIRST_PIECE_CHARACTERS = 150;

    @Inject
    SpeechClient speech;

    @Inject
    Watermarks watermarks;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "voxclone.speech.pieces-in-flight", defaultValue = "4")
    int piecesInFlight;

    /** Starts speaking {@code text} with {@code model}; the caller reads the pieces in order and closes them. */
    public Pieces start(UUID userId, String voiceId, String model, String text, VoiceSettings settings, WayIn wayIn) {
        long watermarkId = watermarks.record(
                new AuditEvent("synthesis", wayIn, userId, userId, voiceId, text, text.length() + " characters"));
        return new Pieces(userId, voiceId, model, pieces(text), settings, watermarkId);
    }

    /** The pieces of {@code text}, the first one split again to a sentence or so. */
    static List<String> pieces(String text) {
        List<String> pieces = TextPieces.split(text, PIECE_CHARACTERS);
        List<String> all = new java.util.ArrayList<>(TextPieces.split(pieces.get(0), FIRST_PIECE_CHARACTERS));
        all.addAll(pieces.subList(1, pieces.size()));
        return all;
    }

    /** The pieces of one text being spoken; closing them stops what has not been asked of a worker yet. */
    public final class Pieces implements AutoCloseable {

        private final UUID userId;
        private final String voiceId;
        private final String model;
        private final List<String> texts;
        private final VoiceSettings settings;
        private final long watermarkId;
        private final Deque<Future<PcmAudio>> pending = new ArrayDeque<>();
        private int submitted;
        private boolean closed;

        private Pieces(UUID userId, String voiceId, String model, List<String> texts, VoiceSettings settings, long watermarkId) {
            this.model = model;
            this.watermarkId = watermarkId;
            this.userId = userId;
            this.voiceId = voiceId;
            this.texts = texts;
            this.settings = settings;
            while (submitted < texts.size() && pending.size() < Math.max(1, piecesInFlight)) {
                submitNext();
            }
        }

        /** {@code out} marking what is written with this output's watermark; the final audio goes through it. */
        public AudioOutput marked(AudioOutput out) {
            return watermarks.marking(out, watermarkId);
        }

        public int count() {
            return texts.size();
        }

        /**
         * The next piece's audio, waiting for it if needed; empty after the last one.
         *
         * @throws RuntimeException the reason the piece could not be spoken (as {@link SpeechClient} reports it)
         */
        public Optional<PcmAudio> next() {
            Future<PcmAudio> next = pending.poll();
            if (next == null) {
                return Optional.empty();
            }
            if (submitted < texts.size() && !closed) {
                submitNext();
            }
            try {
                return Optional.of(next.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for speech");
            }
        }

        private void submitNext() {
            String text = texts.get(submitted++);
            pending.add(executor.submit(() -> speech.speak(userId, voiceId, model, text, settings)));
        }

        /** Stops: pieces not yet sent are never sent, and the waits for those sent are given up. */
        @Override
        public void close() {
            closed = true;
            pending.forEach(f -> f.cancel(true));
            pending.clear();
        }
    }
}
