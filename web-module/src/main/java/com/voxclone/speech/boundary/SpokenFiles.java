package com.voxclone.speech.boundary;

import com.voxclone.audit.entity.WayIn;
import com.voxclone.audio.boundary.AudioOutput;
import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.speech.control.PieceSynthesis;
import com.voxclone.speech.control.SpeechAssembly;
import com.voxclone.speech.control.SpeechRequests;
import com.voxclone.speech.entity.SpeechParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Speech as one complete file, for callers that store or send it whole (speech jobs, the message bus): the text in
 * pieces over the synthesis queue, joined and encoded as it comes, never held whole in memory.
 */
@ApplicationScoped
public class SpokenFiles {

    @Inject
    PieceSynthesis synthesis;

    @Inject
    AudioPipeline pipeline;

    @Inject
    SpeechRequests requests;

    /** A complete audio file in a temporary folder, deleted when closed. */
    public record Spoken(Path file, String contentType, long durationMillis) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Speaks a request at once, for callers that want the whole file (the message bus): checked like every speech
     * request ({@code body} as for {@code /v1/audio/speech}), spoken in pieces, in the requested format.
     */
    public Spoken speakNow(UUID userId, JsonObject body) throws IOException {
        SpeechRequests.Accepted accepted = requests.accept(userId, body);
        return speak(userId, accepted.voice().getVoiceId(), accepted.model(), accepted.parameters(), accepted.settings(), WayIn.JMS, percent -> {
        });
    }

    /** The request spoken into a temporary file; {@code percentDone} hears of every piece. */
    public Spoken speak(UUID userId, String voiceId, String model, SpeechParameters request, VoiceSettings settings, WayIn wayIn,
                          IntConsumer percentDone) throws IOException {
        PieceSynthesis.Pieces pieces = synthesis.start(userId, voiceId, model, request.input(), settings, wayIn);
        Path file = Files.createTempFile("voxclone-speech-", "." + request.format().id());
        try {
            long millis;
            try (OutputStream out = Files.newOutputStream(file)) {
                PcmAudio first = pieces.next().orElseThrow();
                AudioOutput encoded = pipeline.stream(request.format(), out);
                millis = SpeechAssembly.write(first, pieces, request.tempo(), encoded,
                        done -> percentDone.accept(100 * done / pieces.count()));
            } finally {
                pieces.close();
            }
            pipeline.completeStreamedFile(request.format(), file);
            return new Spoken(file, request.format().contentType(), millis);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }
}
