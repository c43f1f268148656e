package com.voxclone.engine.chatterbox.control;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.tokenattributes.ReadingAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Chatterbox Multilingual's Japanese rule: every word written with kanji is replaced by its reading in hiragana, and
 * kana and everything else stay as written; a reading that starts with は or へ gets a space before it, as upstream
 * does. Upstream reads with pykakasi; here the Kuromoji morphological analyser (with its IPADIC dictionary) splits the
 * text into words and gives their readings, so a few words may be split or read differently. A word the dictionary
 * does not know stays as written.
 */
public final class JapaneseReadings {

    private static final int FIRST_KANJI = 0x4E00;
    private static final int LAST_KANJI = 0x9FFF;
    private static final char FIRST_KATAKANA = '\u30A1';
    private static final char LAST_KATAKANA = '\u30F6';
    /** Katakana and hiragana lie this far apart in Unicode. */
    private static final int KATAKANA_TO_HIRAGANA = 0x60;

    private JapaneseReadings() {
    }

    /** {@code text} with its kanji words read out in hiragana. */
    public static String kanjiAsHiragana(String text) {
        // The analyser's dictionary holds composed kana; text decomposed by NFKD is composed again first.
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length() * 2);
        try (JapaneseTokenizer words = new JapaneseTokenizer(null, false, JapaneseTokenizer.Mode.NORMAL)) {
            ReadingAttribute reading = words.addAttribute(ReadingAttribute.class);
            OffsetAttribute offset = words.addAttribute(OffsetAttribute.class);
            words.setReader(new StringReader(composed));
            words.reset();
            int at = 0;
            while (words.incrementToken()) {
                out.append(composed, at, offset.startOffset());
                String surface = composed.substring(offset.startOffset(), offset.endOffset());
                String kana = reading.getReading();
                if (hasKanji(surface) && kana != null) {
                    String hiragana = hiragana(kana);
                    out.append(hiragana.startsWith("は") || hiragana.startsWith("へ") ? " " + hiragana : hiragana);
                } else {
                    out.append(surface);
                }
                at = offset.endOffset();
            }
            words.end();
            out.append(composed, at, composed.length());
        } catch (IOException e) {
            throw new UncheckedIOException("the Japanese dictionary could not be read", e);
        }
        return out.toString();
    }

    private static boolean hasKanji(String word) {
        return word.codePoints().anyMatch(c -> c >= FIRST_KANJI && c <= LAST_KANJI);
    }

    private static String hiragana(String katakana) {
        StringBuilder out = new StringBuilder(katakana.length());
        for (char c : katakana.toCharArray()) {
            out.append(c >= FIRST_KATAKANA && c <= LAST_KATAKANA ? (char) (c - KATAKANA_TO_HIRAGANA) : c);
        }
        return out.toString();
    }
}
