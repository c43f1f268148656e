package com.voxclone.consent.control;

import com.voxclone.consent.entity.ConsentText;
import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.api.AbstractSpeechRecognizer;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.util.TimeFrame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Offline recognition of a consent recording with Sphinx4's US English acoustic model, constrained to what a
 * challenge can hold (see {@link #grammar()}). Speech that says other words is heard as the nearest of these, so a
 * wrong sentence or wrong random words come out as different words, and the check against the challenge fails.
 * Expects 16 kHz mono audio. One recogniser serves all requests, one at a time (Sphinx4 is not thread-safe).
 */
public final class SpokenWords {

    public static final int RATE = 16_000;

    private static final String GRAMMAR = "consent";

    private final Recognizer recognizer;

    public SpokenWords() {
        try {
            Path dir = Files.createTempDirectory("voxclone-consent-recogniser-");
            Path grammar = dir.resolve(GRAMMAR + ".gram");
            Path config = dir.resolve("recogniser.config.xml");
            try {
                Files.writeString(grammar, grammar());
                Files.writeString(config, forRecordings(defaultConfiguration()));
                Configuration configuration = new Configuration();
                configuration.setAcousticModelPath("resource:/edu/cmu/sphinx/models/en-us/en-us");
                configuration.setDictionaryPath("resource:/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict");
                configuration.setGrammarPath(dir.toUri().toString());
                configuration.setGrammarName(GRAMMAR);
                configuration.setUseGrammar(true);
                configuration.setSampleRate(RATE);
                recognizer = new Recognizer(new Context(config.toUri().toString(), configuration));
                // The grammar is read when recognition first starts: start once now, while its file exists.
                recognizer.start(new ByteArrayInputStream(new byte[0]));
                recognizer.stop();
            } finally {
                Files.deleteIfExists(grammar);
                Files.deleteIfExists(config);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The speech recogniser for consent recordings could not be set up", e);
        }
    }

    /** Sphinx4's own configuration, as its jar holds it. */
    private static String defaultConfiguration() throws IOException {
        try (InputStream in = Context.class.getResourceAsStream("/edu/cmu/sphinx/api/default.config.xml")) {
            if (in == null) {
                throw new IOException("Sphinx4's default configuration is missing from its jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Sphinx4's configuration adapted to whole recordings: each recording is one utterance (no live end-pointing), its
     * cepstral mean taken over the whole of it (batch) instead of a running estimate that starts from the model's
     * defaults and carries over from one recording to the next (a fresh recogniser would hear its first recording
     * differently from later ones); and only warnings logged.
     */
    static String forRecordings(String configuration) {
        String batch = configuration.replace("<item>liveCMN </item>", "<item>batchCMN </item>")
                .replace("<item>speechClassifier </item>", "").replace("<item>speechMarker </item>", "")
                .replace("<property name=\"logLevel\" value=\"INFO\"/>", "<property name=\"logLevel\" value=\"WARNING\"/>");
        if (batch.contains("<item>liveCMN") || batch.contains("<item>speechMarker") || !batch.contains("value=\"WARNING\"")) {
            throw new IllegalStateException("Sphinx4's default configuration is not the one this recogniser was written for");
        }
        return batch;
    }

    /** Sphinx4's stream recogniser, made from a context of our own. */
    private static final class Recognizer extends AbstractSpeechRecognizer {

        Recognizer(Context context) throws IOException {
            super(context);
        }

        void start(InputStream in) {
            recognizer.allocate();
            context.setSpeechSource(in, TimeFrame.INFINITE);
        }

        void stop() {
            recognizer.deallocate();
        }
    }

    /**
     * A JSGF grammar for any challenge: the sentence of consent, or else any run of pool words, followed by {@value ConsentText#CHALLENGE_WORDS} pool words. Each random word is thus chosen by
     * what was said among all fifty, and an opening that was not said comes out as pool words.
     */
    static String grammar() {
        String opening = ConsentText.SENTENCE.toLowerCase(Locale.ROOT);
        return "#JSGF V1.0;\ngrammar " + GRAMMAR + ";\n"
                + "public <utterance> = <opening>" + " <word>".repeat(ConsentText.CHALLENGE_WORDS) + ";\n"
                + "<opening> = " + opening + " | <word>+;\n"
                + "<word> = " + String.join(" | ", ConsentText.WORD_POOL) + ";\n";
    }

    /**
     * The words heard in 16-bit little-endian mono PCM at {@value #RATE} Hz.
     */
    public synchronized String transcribe(byte[] pcm16) {
        return recognize(pcm16);
    }

    private String recognize(byte[] pcm) {
        recognizer.start(new ByteArrayInputStream(pcm));
        List<String> words = new ArrayList<>();
        SpeechResult result;
        while ((result = recognizer.getResult()) != null) {
            String hypothesis = result.getHypothesis();
            if (hypothesis != null && !hypothesis.isBlank()) {
                words.add(hypothesis.strip());
            }
        }
        recognizer.stop();
        return String.join(" ", words);
    }
}
