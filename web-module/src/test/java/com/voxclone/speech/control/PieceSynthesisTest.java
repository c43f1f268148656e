package com.voxclone.speech.control;

import com.voxclone.watermark.boundary.Watermarks;
import com.voxclone.audit.entity.WayIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.voxclone.audio.boundary.AudioOutput;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.voice.boundary.SpeechClient;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A long text is spoken piece by piece, a few pieces at a time, and handed on in the text's order; when the listener
 * goes away, the pieces not yet asked for are never spoken.
 */
class PieceSynthesisTest {

    /** A sentence of about 120 characters: pieces of at most 250 characters hold two. */
    private static final String TEXT = "This sentence is one of several that together make a text longer than any one "
            + "piece of speech may be, numbered %d. ";

    private final PieceSynthesis synthesis = new PieceSynthesis();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final AtomicInteger spoken = new AtomicInteger();
    private final List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    @SuppressWarnings("unchecked")
    void collaborators() {
        synthesis.piecesInFlight = 2;
        synthesis.speech = mock(SpeechClient.class);
        // Watermarking is tested on its own; here the pieces' samples must arrive as spoken.
        synthesis.watermarks = mock(Watermarks.class);
        when(synthesis.watermarks.marking(any(), anyLong())).thenAnswer(call -> call.getArgument(0));
        synthesis.executor = mock(ManagedExecutorService.class);
        when(synthesis.executor.submit(any(Callable.class))).thenAnswer(call -> pool.submit((Callable<Object>) call.getArgument(0)));
        when(synthesis.speech.speak(any(), anyString(), eq("offline"), anyString(), any())).thenAnswer(call -> {
            String text = call.getArgument(3);
            asked.add(text);
            int number = spoken.incrementAndGet();
            // Later pieces come back sooner: the order must come from the text, not from the workers.
            Thread.sleep(Math.max(0, 60 - 10L * number));
            // 100 ms of audio whose samples tell which piece it is.
            float[] audio = new float[2_400];
            java.util.Arrays.fill(audio, text.length());
            return new PcmAudio(audio, PcmAudio.MODEL_RATE);
        });
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static String text(int sentences) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= sentences; i++) {
            b.append(String.format(TEXT, i));
        }
        return b.toString().strip();
    }

    @Test
    void piecesComeBackInTheTextsOrder() {
        PieceSynthesis.Pieces pieces = synthesis.start(UUID.randomUUID(), "voice_1", "offline", text(10), VoiceSettings.defaults(), WayIn.OPENAI);
        List<Float> lengths = new ArrayList<>();
        for (var piece = pieces.next(); piece.isPresent(); piece = pieces.next()) {
            lengths.add(piece.get().samples()[0]);
        }

        assertTrue(pieces.count() > 2, "a long text is several pieces: " + pieces.count());
        assertEquals(pieces.count(), lengths.size());
        List<Float> expected = new ArrayList<>();
        new ArrayList<>(asked).stream().sorted((a, b) -> Integer.compare(text(10).indexOf(a), text(10).indexOf(b)))
                .forEach(t -> expected.add((float) t.length()));
        assertEquals(expected, lengths);
    }

    @Test
    void whenTheListenerGoesAwayTheRestIsNotSpoken() throws Exception {
        PieceSynthesis.Pieces pieces = synthesis.start(UUID.randomUUID(), "voice_1", "offline", text(40), VoiceSettings.defaults(), WayIn.OPENAI);
        PcmAudio first = pieces.next().orElseThrow();
        AudioOutput goneAfterOne = new AudioOutput() {
            private int writes;

            @Override
            public void write(PcmAudio audio) throws IOException {
                if (++writes > 1) {
                    throw new IOException("Broken pipe");
                }
            }

            @Override
            public void close() {
            }
        };

        assertThrows(IOException.class, () -> SpeechAssembly.write(first, pieces, 1.0, goneAfterOne));
        Thread.sleep(200);

        // The first piece, the one written when it failed, and the two already asked for: nothing after them.
        assertTrue(spoken.get() <= 4, spoken.get() + " of " + pieces.count() + " pieces were spoken");
        assertTrue(pieces.count() > 10);
    }

    @Test
    void theFirstPieceIsShortSoTheFirstAudioComesSoon() {
        List<String> pieces = PieceSynthesis.pieces(text(10));

        // About 120 characters a sentence: the first two sentences (one piece of 250) are split into one piece each, the
        // others pack two.
        assertEquals(1, pieces.get(0).split("numbered").length - 1, pieces.get(0));
        assertEquals(1, pieces.get(1).split("numbered").length - 1, pieces.get(1));
        assertEquals(2, pieces.get(2).split("numbered").length - 1, pieces.get(2));
        assertEquals(text(10), String.join(" ", pieces), "nothing lost or doubled");
    }

    @Test
    void aFailedPieceEndsTheSpeechWithItsReason() {
        when(synthesis.speech.speak(any(), anyString(), eq("offline"), anyString(), any())).thenThrow(new IllegalStateException("no worker"));
        PieceSynthesis.Pieces pieces = synthesis.start(UUID.randomUUID(), "voice_1", "offline", text(4), VoiceSettings.defaults(), WayIn.OPENAI);

        assertEquals("no worker", assertThrows(IllegalStateException.class, pieces::next).getMessage());
    }
}
