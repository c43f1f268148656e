package com.voxclone.consent.entity;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a person agrees to and reads aloud. The statement is versioned (the version is recorded with each acceptance);
 * the spoken text is a short sentence of consent followed by random words, so that a recording made for another
 * challenge, or cut from other speech, does not fit.
 */
public final class ConsentText {

    /** Bump when the statement's wording changes; acceptances record the version they accepted. */
    public static final String STATEMENT_VERSION = "2026-12-02";

    public static final String STATEMENT = "I confirm that the voice in the recordings I submit is my own, and I consent to "
            + "VoxClone creating a synthetic copy of it for use within my company. I understand that the synthetic voice can "
            + "speak any text, that my consent recording is kept with the voice, and that I withdraw this consent by "
            + "deleting the voice.";

    /** The sentence of consent every challenge starts with. */
    public static final String SENTENCE = "I consent to a synthetic copy of my voice";

    /** How many random words a challenge holds. */
    public static final int CHALLENGE_WORDS = 4;

    /**
     * Words that are easy to read, common in pronunciation dictionaries and unlike one another when spoken (no
     * homophones of the sentence's words); four of fifty give about 5.5 million ordered challenges.
     */
    public static final List<String> WORD_POOL = List.of(
            "apple", "banana", "orange", "lemon", "river", "mountain", "forest", "garden", "window", "pencil",
            "candle", "blanket", "tiger", "rabbit", "monkey", "dolphin", "yellow", "purple", "silver", "seven",
            "eleven", "twenty", "thirty", "ninety", "hundred", "rocket", "guitar", "piano", "tomato", "pepper",
            "coffee", "butter", "engine", "bottle", "castle", "island", "planet", "winter", "summer", "morning",
            "doctor", "pilot", "farmer", "basket", "button", "carpet", "circle", "ladder", "magnet", "mirror");

    /** Of the sentence's words, this share may be missed by the recogniser (short function words often are). */
    static final double SENTENCE_WORDS_MAY_MISS = 1.0 / 3;

    /**
     * Random words the recogniser may miss: one of four. A recording made for another challenge holds three of this
     * one's words in order for about one pair of challenges in 7,000.
     */
    static final int RANDOM_WORDS_MAY_MISS = 1;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsentText() {
    }

    /** A new spoken text: the sentence, then {@value #CHALLENGE_WORDS} distinct random words. */
    public static String newChallenge() {
        List<String> pool = new ArrayList<>(WORD_POOL);
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < CHALLENGE_WORDS; i++) {
            chosen.add(pool.remove(RANDOM.nextInt(pool.size())));
        }
        return SENTENCE + ": " + String.join(", ", chosen) + ".";
    }

    /**
     * What of {@code spokenText} is missing from the words a recogniser heard. It passes when the recording says most
     * of the sentence and every random word but at most one, in order.
     */
    public static Check check(String spokenText, String heard) {
        List<String> expected = words(spokenText).toList();
        List<String> got = words(heard).toList();
        boolean[] matched = alignment(expected, got);
        List<String> missedRandom = new ArrayList<>();
        int sentenceWords = 0;
        int sentenceMissed = 0;
        List<String> sentence = words(SENTENCE).toList();
        for (int i = 0; i < expected.size(); i++) {
            if (i < sentence.size()) {
                sentenceWords++;
                sentenceMissed += matched[i] ? 0 : 1;
            } else if (!matched[i]) {
                missedRandom.add(expected.get(i));
            }
        }
        boolean sentenceHeard = sentenceMissed <= Math.floor(sentenceWords * SENTENCE_WORDS_MAY_MISS);
        return new Check(missedRandom, sentenceHeard);
    }

    /**
     * The outcome of comparing a transcript with the challenge.
     *
     * @param missedWords   random words not heard (in their order in the challenge)
     * @param sentenceHeard whether enough of the sentence of consent was heard
     */
    public record Check(List<String> missedWords, boolean sentenceHeard) {

        public boolean passed() {
            return missedWords.size() <= RANDOM_WORDS_MAY_MISS && sentenceHeard;
        }

        /** What failed, in words for the person who recorded it. */
        public String explanation() {
            List<String> parts = new ArrayList<>();
            if (!sentenceHeard) {
                parts.add("the sentence \"" + SENTENCE + "\" was not heard");
            }
            if (missedWords.size() > RANDOM_WORDS_MAY_MISS) {
                parts.add("the word" + (missedWords.size() == 1 ? " " : "s ") + String.join(", ", missedWords)
                        + (missedWords.size() == 1 ? " was" : " were") + " not heard in order");
            }
            return String.join(", and ", parts);
        }
    }

    /** Which expected words a longest common subsequence with {@code got} matches. */
    static boolean[] alignment(List<String> expected, List<String> got) {
        int n = expected.size();
        int m = got.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = expected.get(i).equals(got.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        boolean[] matched = new boolean[n];
        for (int i = 0, j = 0; i < n && j < m;) {
            if (expected.get(i).equals(got.get(j))) {
                matched[i++] = true;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return matched;
    }

    static Stream<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").trim().split("\\s+"))
                .filter(w -> !w.isEmpty());
    }
}
