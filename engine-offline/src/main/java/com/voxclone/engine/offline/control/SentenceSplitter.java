package com.voxclone.engine.offline.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into sentences, the unit of synthesis and streaming. Very long sentences are cut further at commas and
 * semicolons so the first audio does not wait for a whole paragraph-length sentence.
 */
public final class SentenceSplitter {

    static final int MAX_SENTENCE_CHARS = 250;
    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+(?:[.!?]+[\"')\\]]*|\\n|$)");
    private static final Pattern CLAUSE = Pattern.compile("[^,;:]+(?:[,;:]|$)");

    private SentenceSplitter() {
    }

    public static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        Matcher m = SENTENCE.matcher(text);
        while (m.find()) {
            String sentence = m.group().strip();
            if (!sentence.isEmpty() && sentence.chars().anyMatch(Character::isLetterOrDigit)) {
                addCutting(sentence, sentences);
            }
        }
        return sentences;
    }

    private static void addCutting(String sentence, List<String> out) {
        if (sentence.length() <= MAX_SENTENCE_CHARS) {
            out.add(sentence);
            return;
        }
        StringBuilder current = new StringBuilder();
        Matcher m = CLAUSE.matcher(sentence);
        while (m.find()) {
            if (current.length() > 0 && current.length() + m.group().length() > MAX_SENTENCE_CHARS) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
            current.append(m.group());
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
    }
}
