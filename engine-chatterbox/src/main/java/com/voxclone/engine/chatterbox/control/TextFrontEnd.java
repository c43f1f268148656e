package com.voxclone.engine.chatterbox.control;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import com.voxclone.engine.entity.VoiceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Text to language-model input with the model's {@code tokenizer.json} (Hugging Face tokenizers), after the model's
 * {@code punc_norm}. The original model: spaces as {@code [SPACE]}, and the template
 * {@code [6563, 255, text..., 0, 6561, 6561]} with its position ids. Chatterbox Turbo: GPT-2 byte-level tokens, its
 * paralinguistic tags ({@link TurboTags}) as one token each, and two end-of-text tokens (50256) at the end, as the
 * published tokenizer appends them. Chatterbox Multilingual: as the original, with its text rules and language tag
 * ({@link MultilingualText}).
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
    /** GPT-2's end of text, which Turbo's tokenizer appends twice. */
    public static final long END_OF_TEXT = 50256;

    private final HuggingFaceTokenizer tokenizer;
    private final ModelFamily family;
    private final MultilingualText multilingual;

    /** The original model's front end. */
    public TextFrontEnd(Path tokenizerJson, Path nativeCacheDir) throws IOException {
        this(tokenizerJson, nativeCacheDir, ModelFamily.ORIGINAL);
    }

    /** The front end of {@code family}; Multilingual's also reads the Cangjie table beside {@code tokenizerJson}. */
    public TextFrontEnd(Path tokenizerJson, Path nativeCacheDir, ModelFamily family) throws IOException {
        this.family = family;
        this.multilingual = family == ModelFamily.MULTILINGUAL
                ? new MultilingualText(CangjieCodes.load(tokenizerJson.resolveSibling(CangjieCodes.TABLE))) : null;
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

    /** The model's {@code punc_norm} of one piece of English text. */
    public String normalize(String text) {
        return normalize(text, "en");
    }

    /**
     * The model's text rules for one piece of text in {@code language} (ISO 639-1).
     *
     * @throws IllegalArgumentException for a language the model does not speak (the settings' rule, as on the web tier)
     */
    public String normalize(String text, String language) {
        VoiceSettings.languageProblem(language, family.id()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem.message());
        });
        return switch (family) {
            case TURBO -> PunctuationNormalizer.normalizeTurbo(text);
            case ORIGINAL -> PunctuationNormalizer.normalize(text);
            case MULTILINGUAL -> multilingual.prepare(PunctuationNormalizer.normalizeMultilingual(text), language);
        };
    }

    /**
     * Token ids of already normalised text, as the model takes them.
     *
     * @throws IllegalArgumentException for a text too long for one utterance, or (Turbo) with tags it does not know
     */
    public long[] encode(String normalizedText) {
        return family == ModelFamily.TURBO ? encodeTurbo(normalizedText) : encodeOriginal(normalizedText);
    }

    private long[] encodeTurbo(String normalizedText) {
        TurboTags.requireKnown(normalizedText);
        long[] ids = tokenizer.encode(normalizedText, true, false).getIds();
        int n = ids.length;
        boolean ended = n >= 2 && ids[n - 1] == END_OF_TEXT && ids[n - 2] == END_OF_TEXT;
        long[] text = ended ? Arrays.copyOf(ids, n - 2) : ids;
        requireShortEnough(text.length);
        long[] withEnd = Arrays.copyOf(text, text.length + 2);
        withEnd[text.length] = END_OF_TEXT;
        withEnd[text.length + 1] = END_OF_TEXT;
        return withEnd;
    }

    private static void requireShortEnough(int textTokens) {
        if (textTokens > MAX_TEXT_TOKENS) {
            throw new IllegalArgumentException("The text is too long for one utterance (" + textTokens
                    + " tokens, at most " + MAX_TEXT_TOKENS + "); split it into shorter parts");
        }
    }

    private long[] encodeOriginal(String normalizedText) {
        Encoding encoding = tokenizer.encode(normalizedText.replace(" ", "[SPACE]"), true, false);
        long[] ids = encoding.getIds();
        long[] text = hasTemplate(ids) ? Arrays.copyOfRange(ids, 2, ids.length - 3) : ids;
        requireShortEnough(text.length);
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
