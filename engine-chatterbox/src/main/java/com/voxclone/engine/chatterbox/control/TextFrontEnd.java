package com.voxclone.engine.chatterbox.control;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Text to language-model input: {@code punc_norm}, spaces as {@code [SPACE]}, the model's {@code tokenizer.json}
 * (Hugging Face tokenizers), and the template {@code [6563, 255, text..., 0, 6561, 6561]} with its position ids.
 */
public final class TextFrontEnd implements AutoCloseable {

    public static final long EMOTION = 6563;
    public static final long START_TEXT = 255;
    public static final long STOP_TEXT = 0;
    public static final long START_SPEECH = 6561;
    /** Template tokens around the text: emotion, start of text, end of text, two start-of-speech. */
    public static final int TEMPLATE_TOKENS = 5;
    /** The text position table has 2050 rows: 2048 text tokens plus start and stop. */
    public static final int MAX_TEXT_TOKENS = 2048;

    private final HuggingFaceTokenizer tokenizer;

    public TextFrontEnd(Path tokenizerJson, Path nativeCacheDir) throws IOException {
        prepareNativeCache(nativeCacheDir);
        // The template is checked and, if the file has none, applied here (see encode). No truncation: an over-long
        // text must be refused with a clear message, not cut off silently at the library's default of 512.
        tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("addSpecialTokens", "true",
                "truncation", "false", "padding", "false", "modelMaxLength", "1000000"));
    }

    /** The tokenizer unpacks its native library on first use; send it to a writable place and never online. */
    private static synchronized void prepareNativeCache(Path dir) throws IOException {
        if (System.getenv("ENGINE_CACHE_DIR") == null && System.getProperty("ENGINE_CACHE_DIR") == null) {
            Files.createDirectories(dir);
            System.setProperty("ENGINE_CACHE_DIR", dir.toAbsolutePath().toString());
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /** Token ids of already normalised text, wrapped in the Chatterbox template. */
    public long[] encode(String normalizedText) {
        Encoding encoding = tokenizer.encode(normalizedText.replace(" ", "[SPACE]"), true, false);
        long[] ids = encoding.getIds();
        long[] text = hasTemplate(ids) ? Arrays.copyOfRange(ids, 2, ids.length - 3) : ids;
        if (text.length > MAX_TEXT_TOKENS) {
            throw new IllegalArgumentException("The text is too long for one utterance (" + text.length
                    + " tokens, at most " + MAX_TEXT_TOKENS + "); split it into shorter parts");
        }
        long[] wrapped = new long[text.length + TEMPLATE_TOKENS];
        wrapped[0] = EMOTION;
        wrapped[1] = START_TEXT;
        System.arraycopy(text, 0, wrapped, 2, text.length);
        wrapped[wrapped.length - 3] = STOP_TEXT;
        wrapped[wrapped.length - 2] = START_SPEECH;
        wrapped[wrapped.length - 1] = START_SPEECH;
        return wrapped;
    }

    private static boolean hasTemplate(long[] ids) {
        int n = ids.length;
        return n >= TEMPLATE_TOKENS && ids[0] == EMOTION && ids[1] == START_TEXT && ids[n - 3] == STOP_TEXT
                && ids[n - 2] == START_SPEECH && ids[n - 1] == START_SPEECH;
    }

    /** Prefill positions: start-of-speech tokens (and the emotion token) at 0, text from the start token on at index - 1. */
    public static long[] positions(long[] ids) {
        long[] positions = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            positions[i] = ids[i] >= START_SPEECH ? 0 : i - 1;
        }
        return positions;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
