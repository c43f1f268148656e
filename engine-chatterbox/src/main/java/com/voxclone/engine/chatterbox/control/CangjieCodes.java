package com.voxclone.engine.chatterbox.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Chatterbox Multilingual's Chinese rule: the text is split into words, one space between them, and every Chinese
 * character is then written as its Cangjie code, one token per code letter and {@code [cj_.]} after each character
 * ({@code 我} with code {@code hqi} becomes {@code [cj_h][cj_q][cj_i][cj_.]}). The codes come from the model's own
 * table, {@value #TABLE} (rows {@code "glyph<TAB>code"}); a character that shares its code with earlier rows gets its
 * place among them as a suffix ({@code hqi1}), and a character the table lacks stays as written, as upstream does.
 * Upstream splits words with pkuseg; here Lucene's Smart Chinese analyser (a hidden Markov model over its own
 * dictionary) does, so a few words may be split differently.
 */
public final class CangjieCodes {

    /** The model's table, beside its {@code tokenizer.json}. */
    public static final String TABLE = "Cangjie5_TC.json";

    private final Map<String, String> codeOf;

    private CangjieCodes(Map<String, String> codeOf) {
        this.codeOf = codeOf;
    }

    /**
     * The model's table.
     *
     * @throws IOException when it is missing, unreadable or not a list of {@code "glyph<TAB>code"} rows
     */
    public static CangjieCodes load(Path table) throws IOException {
        try (Reader reader = Files.newBufferedReader(table, StandardCharsets.UTF_8)) {
            return parse(reader, table.getFileName().toString());
        }
    }

    /** A table given as JSON text, for tests. */
    public static CangjieCodes of(String json) {
        try {
            return parse(new StringReader(json), "the table");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CangjieCodes parse(Reader json, String name) throws IOException {
        JsonArray rows;
        try (JsonReader reader = Json.createReader(json)) {
            rows = reader.readArray();
        } catch (RuntimeException e) {
            throw new IOException(name + " is not a JSON list of \"glyph<TAB>code\" rows: " + e.getMessage(), e);
        }
        // As upstream reads it: a glyph listed twice keeps its last code; each code lists its glyphs in file order.
        Map<String, String> codeOfGlyph = new HashMap<>();
        Map<String, List<String>> glyphsOfCode = new HashMap<>();
        for (JsonValue row : rows) {
            String[] fields = row instanceof JsonString text ? text.getString().split("\t") : new String[0];
            if (fields.length < 2) {
                throw new IOException(name + " has a row that is not \"glyph<TAB>code\": " + row);
            }
            codeOfGlyph.put(fields[0], fields[1]);
            glyphsOfCode.computeIfAbsent(fields[1], code -> new ArrayList<>()).add(fields[0]);
        }
        Map<String, String> codeOf = new HashMap<>(codeOfGlyph.size() * 2);
        codeOfGlyph.forEach((glyph, code) -> {
            int place = glyphsOfCode.get(code).indexOf(glyph);
            codeOf.put(glyph, place > 0 ? code + place : code);
        });
        return new CangjieCodes(codeOf);
    }

    /** {@code text} (already lower-cased and decomposed) as the tokenizer takes Chinese. */
    public String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() * 8);
        splitIntoWords(text).codePoints().forEach(c -> {
            String code = Character.getType(c) == Character.OTHER_LETTER ? codeOf.get(Character.toString(c)) : null;
            if (code == null) {
                out.appendCodePoint(c);
                return;
            }
            code.codePoints().forEach(letter -> out.append("[cj_").appendCodePoint(letter).append(']'));
            out.append("[cj_.]");
        });
        return out.toString();
    }

    /** The words of {@code text}, punctuation marks as words of their own, with one space between them. */
    static String splitIntoWords(String text) {
        List<String> words = new ArrayList<>();
        try (HMMChineseTokenizer tokenizer = new HMMChineseTokenizer()) {
            OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
            tokenizer.setReader(new StringReader(text));
            tokenizer.reset();
            int at = 0;
            while (tokenizer.incrementToken()) {
                addUnlessBlank(words, text.substring(at, offset.startOffset()));
                words.add(text.substring(offset.startOffset(), offset.endOffset()));
                at = offset.endOffset();
            }
            tokenizer.end();
            addUnlessBlank(words, text.substring(at));
        } catch (IOException e) {
            throw new UncheckedIOException("the Chinese dictionary could not be read", e);
        }
        return String.join(" ", words);
    }

    /** What the word splitter passes over (other than spaces) is kept, as a word of its own. */
    private static void addUnlessBlank(List<String> words, String skipped) {
        String kept = skipped.strip();
        if (!kept.isEmpty()) {
            words.add(kept);
        }
    }
}
