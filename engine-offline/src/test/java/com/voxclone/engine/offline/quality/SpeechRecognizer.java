package com.voxclone.engine.offline.quality;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.offline.control.Resampler;
import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.api.StreamSpeechRecognizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sphinx4 with its US English acoustic and language models, used only to compare intelligibility: its error rate on
 * clean speech is high in absolute terms, but it is the same measuring stick for the base voice and the converted one.
 */
public final class SpeechRecognizer {

    private final StreamSpeechRecognizer recognizer;

    public SpeechRecognizer() {
        Logger.getLogger("").setLevel(Level.WARNING);
        Configuration configuration = new Configuration();
        configuration.setAcousticModelPath("resource:/edu/cmu/sphinx/models/en-us/en-us");
        configuration.setDictionaryPath("resource:/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict");
        configuration.setLanguageModelPath("resource:/edu/cmu/sphinx/models/en-us/en-us.lm.bin");
        try {
            recognizer = new StreamSpeechRecognizer(configuration);
        } catch (IOException e) {
            throw new IllegalStateException("Sphinx4 models could not be loaded", e);
        }
        Logger.getLogger("").setLevel(Level.WARNING);
    }

    /**
     * The words heard in {@code audio}. The recogniser's front end adapts as it listens (cepstral mean, speech and
     * silence levels) and keeps that state from one recording to the next, so the recording is heard twice and the
     * second hearing counts: then the result depends mostly on the recording, not on what was transcribed before it.
     */
    public synchronized String transcribe(PcmAudio audio) {
        byte[] pcm = SpeechFixtures.pcm16(Resampler.resample(audio.samples(), audio.sampleRate(), 16_000));
        recognize(pcm);
        return recognize(pcm);
    }

    private String recognize(byte[] pcm) {
        recognizer.startRecognition(new ByteArrayInputStream(pcm));
        List<String> words = new ArrayList<>();
        SpeechResult result;
        while ((result = recognizer.getResult()) != null) {
            String hypothesis = result.getHypothesis();
            if (hypothesis != null && !hypothesis.isBlank()) {
                words.add(hypothesis.trim());
            }
        }
        recognizer.stopRecognition();
        return String.join(" ", words);
    }

    /** Word error rate: word-level edit distance divided by the number of reference words, ignoring case and punctuation. */
    public static double wordErrorRate(String reference, String hypothesis) {
        String[] ref = words(reference);
        String[] hyp = words(hypothesis);
        int[][] d = new int[ref.length + 1][hyp.length + 1];
        for (int i = 0; i <= ref.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= hyp.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= ref.length; i++) {
            for (int j = 1; j <= hyp.length; j++) {
                int substitution = d[i - 1][j - 1] + (ref[i - 1].equals(hyp[j - 1]) ? 0 : 1);
                d[i][j] = Math.min(substitution, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
            }
        }
        return ref.length == 0 ? 0 : d[ref.length][hyp.length] / (double) ref.length;
    }

    static String[] words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").trim().split("\\s+"))
                .filter(w -> !w.isEmpty()).toArray(String[]::new);
    }
}
