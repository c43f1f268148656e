package com.voxclone.consent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.consent.entity.ConsentText;
import com.voxclone.engine.offline.control.BaseVoice;
import com.voxclone.engine.offline.control.FreeTtsVoice;
import com.voxclone.engine.offline.control.MaryTtsVoice;
import com.voxclone.engine.offline.control.Resampler;
import com.voxclone.engine.offline.entity.ProsodyTargets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real recogniser on speech from two synthetic voices (MaryTTS's female HSMM voice and FreeTTS's male diphone
 * voice, both offline) and on real read speech: a challenge read aloud passes; another challenge, a refusal sentence
 * or unrelated speech does not. Fixed challenges, so each run hears the same audio.
 */
class SpokenWordsTest {

    private static final String CHALLENGE = ConsentText.SENTENCE + ": seven, thirty, farmer, basket.";
    private static final String OTHER = ConsentText.SENTENCE + ": blanket, eleven, orange, twenty.";

    private static SpokenWords recogniser;
    private static List<BaseVoice> voices;

    @BeforeAll
    static void start() {
        recogniser = new SpokenWords();
        voices = List.of(new MaryTtsVoice("cmu-slt-hsmm"), new FreeTtsVoice());
        voices.forEach(BaseVoice::start);
    }

    private static String heard(BaseVoice voice, String text) {
        PcmAudio speech = Resampler.toRate(voice.synthesize(text, ProsodyTargets.NEUTRAL), SpokenWords.RATE);
        return recogniser.transcribe(speech.pcm16());
    }

    @Test
    void theChallengeReadAloudPasses() {
        for (BaseVoice voice : voices) {
            for (String challenge : List.of(CHALLENGE, OTHER)) {
                String heard = heard(voice, challenge);
                var check = ConsentText.check(challenge, heard);
                assertTrue(check.passed(), voice.name() + " read \"" + challenge + "\", heard \"" + heard + "\": " + check.explanation());
            }
        }
    }

    /** A running cepstral mean made a fresh recogniser hear its first recording differently (seen as "<unk>"). */
    @Test
    void aFreshRecogniserHearsItsFirstRecordingAsItHearsItLater() {
        SpokenWords fresh = new SpokenWords();
        byte[] first = Resampler.toRate(voices.get(0).synthesize(CHALLENGE, ProsodyTargets.NEUTRAL), SpokenWords.RATE).pcm16();
        byte[] other = Resampler.toRate(voices.get(1).synthesize("The birch canoe slid on the smooth planks.",
                ProsodyTargets.NEUTRAL), SpokenWords.RATE).pcm16();
        String heardFirst = fresh.transcribe(first);
        fresh.transcribe(other);
        assertEquals(fresh.transcribe(first), heardFirst);
        assertTrue(ConsentText.check(CHALLENGE, heardFirst).passed(), heardFirst);
    }

    @Test
    void anotherChallengesWordsAreRefused() {
        for (BaseVoice voice : voices) {
            var check = ConsentText.check(CHALLENGE, heard(voice, OTHER));
            assertFalse(check.passed(), voice.name());
            assertTrue(check.missedWords().size() >= 2, voice.name() + ": " + check.missedWords());
        }
    }

    @Test
    void aRefusalInsteadOfTheSentenceIsRefused() {
        for (BaseVoice voice : voices) {
            String heard = heard(voice, "I do not agree to any copy of my voice, not today: seven, thirty, farmer, basket.");
            var check = ConsentText.check(CHALLENGE, heard);
            assertFalse(check.sentenceHeard(), voice.name() + " heard \"" + heard + "\"");
        }
    }

    @Test
    void realSpeechOfAnotherTextIsRefused() {
        PcmAudio real = SpeechSamples.pocketsphinx("librivox/sense_and_sensibility_01_austen_64kb-0870.wav");
        var check = ConsentText.check(CHALLENGE, recogniser.transcribe(real.pcm16()));
        assertFalse(check.passed());
        assertEquals(false, check.sentenceHeard());
    }
}
