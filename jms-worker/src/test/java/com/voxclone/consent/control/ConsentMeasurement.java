package com.voxclone.consent.control;

import com.voxclone.signal.boundary.SpeakerPrint;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.consent.entity.ConsentText;
import com.voxclone.engine.offline.control.BaseVoice;
import com.voxclone.engine.offline.control.FreeTtsVoice;
import com.voxclone.engine.offline.control.MaryTtsVoice;
import com.voxclone.engine.offline.control.Resampler;
import com.voxclone.engine.offline.entity.ProsodyTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The consent check's error rates, for RESPONSIBLE.md: the speaker match's false accepts and false rejects at several
 * thresholds on real and synthetic voices, and the spoken-words check on challenges read correctly, read wrongly and
 * replaced by other speech. Runs only when {@code consent.bench.output} names the file for the results
 * ({@code bench/consent/run.sh}).
 */
@EnabledIfSystemProperty(named = "consent.bench.output", matches = ".+")
class ConsentMeasurement {

    private static final double[] THRESHOLDS = {0.15, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 0.35, 0.4};
    private static final double CHOSEN = 0.28;
    private static final int CHALLENGES_PER_VOICE = 12;
    private static final List<String> TEXTS = List.of(
            "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background.",
            "It is easy to tell the depth of a well. Four hours of steady work faced us.",
            "A large size in stockings is hard to sell. The boy was there when the sun rose.");

    /**
     * A set of recordings of one person (the same person may speak in several sets, e.g. in two languages): a name, the
     * person, where the recordings come from, and recordings of different texts.
     */
    private record Speaker(String name, String person, Source source, List<PcmAudio> recordings) {
        Speaker(String name, Source source, List<PcmAudio> recordings) {
            this(name, name, source, recordings);
        }
    }

    private enum Source { READ_SPEECH, TELEPHONE_PROMPTS, SYNTHETIC }

    private record Pair(String a, String b, Source sourceA, Source sourceB, double distance) {
        boolean both(Source s) {
            return sourceA == s && sourceB == s;
        }

        boolean realAndSynthetic() {
            return (sourceA == Source.SYNTHETIC) != (sourceB == Source.SYNTHETIC);
        }
    }

    /** Telephone prompt folders and their speakers; Allison Smith recorded two languages. */
    private static final Map<String, String> PROMPT_SPEAKERS = Map.of("en_US_f_Allison", "Allison Smith",
            "es_MX_f_Allison", "Allison Smith", "fr_CA_f_June", "June Wallack", "it_IT_m_Carlo", "Carlo Flora",
            "ru_RU_f_IvrvoiceRU", "the Russian speaker");
    /** Recordings made per prompt folder, each of consecutive prompts joined to at least this many seconds. */
    private static final int RECORDINGS_PER_PROMPT_FOLDER = 6;
    private static final double PROMPT_RECORDING_SECONDS = 7;

    @Test
    void measure() throws IOException {
        StringBuilder out = new StringBuilder();
        String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        out.append("## Consent checks: speaker match and spoken words\n\n").append(when).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(System.getProperty("java.version"))
                .append(". `bench/consent/run.sh`.\n\n");
        List<BaseVoice> synthetic = List.of(new MaryTtsVoice("cmu-slt-hsmm"), new FreeTtsVoice());
        synthetic.forEach(BaseVoice::start);
        speakerMatch(out, synthetic);
        spokenWords(out, synthetic);
        Files.writeString(Path.of(System.getProperty("consent.bench.output")), out.toString());
    }

    private static void speakerMatch(StringBuilder out, List<BaseVoice> synthetic) {
        List<Speaker> speakers = new ArrayList<>();
        List<PcmAudio> librivox = new ArrayList<>();
        for (String clip : List.of("0870", "0880", "0890", "0920", "0930")) {
            librivox.add(SpeechSamples.pocketsphinx("librivox/sense_and_sensibility_01_austen_64kb-" + clip + ".wav"));
        }
        speakers.add(new Speaker("real: librivox reader (5 clips)", Source.READ_SPEECH, librivox));
        List<PcmAudio> cards = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            PcmAudio clip = SpeechSamples.pocketsphinx("cards/00" + i + ".wav");
            if (clip.durationSeconds() > 2.5) {
                cards.add(clip);
            }
        }
        speakers.add(new Speaker("real: cards reader (" + cards.size() + " clips over 2.5 s)", Source.READ_SPEECH, cards));
        for (String folder : new java.util.TreeSet<>(PROMPT_SPEAKERS.keySet())) {
            speakers.add(new Speaker("real: telephone prompts " + folder, PROMPT_SPEAKERS.get(folder), Source.TELEPHONE_PROMPTS,
                    promptRecordings(folder)));
        }
        for (BaseVoice voice : synthetic) {
            speakers.add(new Speaker("synthetic: " + voice.name(), Source.SYNTHETIC,
                    TEXTS.stream().map(t -> voice.synthesize(t, ProsodyTargets.NEUTRAL)).toList()));
        }
        for (String[] espeak : new String[][] {{"en-us+m3", "20"}, {"en-us+f4", "85"}}) {
            speakers.add(new Speaker("synthetic: espeak-ng " + espeak[0] + " pitch " + espeak[1], Source.SYNTHETIC,
                    TEXTS.stream().map(t -> SpeechSamples.espeak(espeak[0], Integer.parseInt(espeak[1]), t)).toList()));
        }
        // Three single recordings of the same test set whose speakers are not documented: impostors for the others only.
        List<Speaker> unknown = new ArrayList<>();
        for (String file : List.of("goforward.raw", "numbers.raw", "something.raw")) {
            unknown.add(new Speaker("real: " + file, Source.READ_SPEECH, List.of(SpeechSamples.pocketsphinx(file))));
        }
        Map<Speaker, List<SpeakerPrint>> prints = new LinkedHashMap<>();
        for (Speaker s : speakers) {
            prints.put(s, s.recordings().stream().map(r -> SpeakerPrint.of(r.samples(), r.sampleRate())).toList());
        }
        for (Speaker s : unknown) {
            prints.put(s, s.recordings().stream().map(r -> SpeakerPrint.of(r.samples(), r.sampleRate())).toList());
        }
        List<Pair> genuine = new ArrayList<>();
        List<Pair> impostor = new ArrayList<>();
        List<Speaker> all = new ArrayList<>(prints.keySet());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i; j < all.size(); j++) {
                Speaker a = all.get(i);
                Speaker b = all.get(j);
                if (unknown.contains(a) && unknown.contains(b)) {
                    continue;
                }
                List<SpeakerPrint> pa = prints.get(a);
                List<SpeakerPrint> pb = prints.get(b);
                for (int x = 0; x < pa.size(); x++) {
                    for (int y = i == j ? x + 1 : 0; y < pb.size(); y++) {
                        Pair p = new Pair(a.name(), b.name(), a.source(), b.source(), pa.get(x).distanceTo(pb.get(y)).total());
                        (a.person().equals(b.person()) ? genuine : impostor).add(p);
                    }
                }
            }
        }
        out.append("### Speaker match (speaker-print distance; a consent is refused above the threshold)\n\n")
                .append("Genuine pairs: two recordings of one speaker with different texts; impostor pairs: recordings of two ")
                .append("speakers. Real read speech from pocketsphinx-testdata (16 kHz); real telephone prompts from ")
                .append("asterisk-core-sounds-*-g722 (studio recordings, G.722 at 16 kHz; ").append(RECORDINGS_PER_PROMPT_FOLDER)
                .append(" recordings per language of consecutive prompts joined to at least ")
                .append(String.format(Locale.ROOT, "%.0f", PROMPT_RECORDING_SECONDS))
                .append(" s; Allison Smith's English and Spanish recordings are genuine pairs of one person in two languages); synthetic from MaryTTS ")
                .append("(cmu-slt-hsmm, female), FreeTTS (kevin16, male) and two espeak-ng voices. ")
                .append("Speakers: ").append(String.join("; ", all.stream().map(Speaker::name).toList())).append(".\n\n")
                .append("| threshold | false rejects, read speech | false rejects, telephone prompts | false rejects, synthetic "
                        + "| false accepts, read speech | false accepts, telephone prompts | false accepts, synthetic "
                        + "| false accepts, real vs synthetic |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (double t : THRESHOLDS) {
            String threshold = String.format(Locale.ROOT, t == CHOSEN ? "**%.2f**" : "%.2f", t);
            Predicate<Pair> rejected = p -> p.distance() > t;
            Predicate<Pair> accepted = rejected.negate();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", threshold,
                    rate(genuine, p -> p.both(Source.READ_SPEECH), rejected), rate(genuine, p -> p.both(Source.TELEPHONE_PROMPTS), rejected),
                    rate(genuine, p -> p.both(Source.SYNTHETIC), rejected),
                    rate(impostor, p -> p.both(Source.READ_SPEECH), accepted), rate(impostor, p -> p.both(Source.TELEPHONE_PROMPTS), accepted),
                    rate(impostor, p -> p.both(Source.SYNTHETIC), accepted), rate(impostor, Pair::realAndSynthetic, accepted)));
        }
        out.append("\nMedian distance between the recordings of two sets (diagonal: two recordings of the same set):\n\n");
        List<Speaker> sets = all.stream().filter(sp -> prints.get(sp).size() > 1).toList();
        out.append("| | ").append(String.join(" | ", sets.stream().map(sp -> sp.name().replaceFirst("^[a-z]+: ", "")).toList()))
                .append(" |\n|---|").append("---|".repeat(sets.size())).append("\n");
        for (Speaker a : sets) {
            out.append("| ").append(a.name().replaceFirst("^[a-z]+: ", ""));
            for (Speaker b : sets) {
                List<Double> d = new ArrayList<>();
                for (SpeakerPrint x : prints.get(a)) {
                    for (SpeakerPrint y : prints.get(b)) {
                        if (x != y) {
                            d.add(x.distanceTo(y).total());
                        }
                    }
                }
                d.sort(Double::compare);
                out.append(String.format(Locale.ROOT, " | %.2f", d.get(d.size() / 2)));
            }
            out.append(" |\n");
        }
        out.append("\nChosen default: **").append(CHOSEN).append("** (`VOXCLONE_CONSENT_MAX_SPEAKER_DISTANCE`). Largest genuine ")
                .append("distance: ").append(extreme(genuine, true)).append("; smallest impostor distance: ")
                .append(extreme(impostor, false)).append(".\n\n");
    }

    /**
     * {@value #RECORDINGS_PER_PROMPT_FOLDER} recordings of one prompt folder, each of consecutive prompts joined until it
     * lasts {@value #PROMPT_RECORDING_SECONDS} s, taken from evenly spread places in the folder.
     */
    private static List<PcmAudio> promptRecordings(String folder) {
        List<java.nio.file.Path> prompts = SpeechSamples.telephonePrompts(folder);
        List<PcmAudio> recordings = new ArrayList<>();
        for (int r = 0; r < RECORDINGS_PER_PROMPT_FOLDER; r++) {
            List<PcmAudio> joined = new ArrayList<>();
            double seconds = 0;
            for (int i = r * prompts.size() / RECORDINGS_PER_PROMPT_FOLDER; i < prompts.size() && seconds < PROMPT_RECORDING_SECONDS; i++) {
                PcmAudio prompt = SpeechSamples.telephonePrompt(prompts.get(i));
                joined.add(prompt);
                seconds += prompt.durationSeconds();
            }
            recordings.add(PcmAudio.concat(joined, 16_000));
        }
        return recordings;
    }

    private static String extreme(List<Pair> pairs, boolean largest) {
        Pair e = pairs.stream().reduce((p, q) -> (largest ? q.distance() > p.distance() : q.distance() < p.distance()) ? q : p).orElseThrow();
        return String.format(Locale.ROOT, "%.3f (%s / %s)", e.distance(), e.a(), e.b());
    }

    private static String rate(List<Pair> pairs, Predicate<Pair> of, Predicate<Pair> counted) {
        List<Pair> these = pairs.stream().filter(of).toList();
        long n = these.stream().filter(counted).count();
        return these.isEmpty() ? "-" : String.format(Locale.ROOT, "%d/%d (%.1f %%)", n, these.size(), 100.0 * n / these.size());
    }

    private static void spokenWords(StringBuilder out, List<BaseVoice> synthetic) {
        SpokenWords recogniser = new SpokenWords();
        out.append("### Spoken words (the challenge read aloud, checked by the constrained recogniser)\n\n")
                .append("Each voice reads ").append(CHALLENGES_PER_VOICE).append(" fresh challenges (accept expected), another ")
                .append("challenge's text (refuse expected), and a refusal sentence followed by the right words (refuse expected).\n\n")
                .append("| voice | right text accepted | other challenge refused | refusal sentence refused | seconds per check (median) |\n")
                .append("|---|---|---|---|---|\n");
        for (BaseVoice voice : synthetic) {
            int accepted = 0;
            int wrongRefused = 0;
            int sentenceRefused = 0;
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < CHALLENGES_PER_VOICE; i++) {
                String challenge = ConsentText.newChallenge();
                String other = ConsentText.newChallenge();
                String words = challenge.substring(challenge.indexOf(':') + 1);
                accepted += passes(recogniser, voice, challenge, challenge, seconds) ? 1 : 0;
                wrongRefused += passes(recogniser, voice, other, challenge, seconds) ? 0 : 1;
                sentenceRefused += passes(recogniser, voice, "I do not agree to any copy of my voice:" + words, challenge, seconds) ? 0 : 1;
            }
            seconds.sort(Double::compare);
            out.append(String.format(Locale.ROOT, "| %s | %d/%d | %d/%d | %d/%d | %.2f |%n", voice.name(), accepted,
                    CHALLENGES_PER_VOICE, wrongRefused, CHALLENGES_PER_VOICE, sentenceRefused, CHALLENGES_PER_VOICE,
                    seconds.get(seconds.size() / 2)));
        }
        int realRefused = 0;
        List<String> clips = List.of("0870", "0880", "0890", "0920", "0930");
        for (String clip : clips) {
            PcmAudio real = SpeechSamples.pocketsphinx("librivox/sense_and_sensibility_01_austen_64kb-" + clip + ".wav");
            realRefused += ConsentText.check(ConsentText.newChallenge(), recogniser.transcribe(real.pcm16())).passed() ? 0 : 1;
        }
        out.append(String.format(Locale.ROOT, "%nReal read speech of another text (librivox clips) refused: %d/%d.%n%n", realRefused,
                clips.size()));
    }

    private static boolean passes(SpokenWords recogniser, BaseVoice voice, String read, String challenge, List<Double> seconds) {
        PcmAudio speech = Resampler.toRate(voice.synthesize(read, ProsodyTargets.NEUTRAL), SpokenWords.RATE);
        long began = System.nanoTime();
        String heard = recogniser.transcribe(speech.pcm16());
        seconds.add((System.nanoTime() - began) / 1e9);
        return ConsentText.check(challenge, heard).passed();
    }
}
