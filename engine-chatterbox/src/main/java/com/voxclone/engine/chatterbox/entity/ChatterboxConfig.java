package com.voxclone.engine.chatterbox.entity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the Chatterbox engine is configured with. Built from MicroProfile Config in the server and directly
 * in tests and command-line tools.
 *
 * @param modelDir           directory holding {@code tokenizer.json} and {@code onnx/}
 * @param modelId            name of the model release, stored with voice conditioning
 * @param precision          language model file variant
 * @param decoder            name of the decoder graph in {@code onnx/} (see {@link ModelVariant})
 * @param provider           {@code auto}, {@code cuda}, {@code rocm} or {@code cpu}
 * @param deviceId           GPU ordinal for CUDA / ROCm
 * @param concurrentJobs     synthesis and enrolment jobs allowed on the device at once
 * @param permitWait         how long a job waits for the device before giving up (retryable)
 * @param intraOpThreads     CPU threads per inference call (0 = ONNX Runtime decides)
 * @param tokenizerCacheDir  writable directory where the tokenizer's native library is unpacked
 * @param verifyChecksums    check SHA-256 sums from the model directory's manifest at start-up (slow for GB files)
 * @param decoding           sampling rules for the language model
 * @param batching           how requests on the device at once share language-model steps
 */
public record ChatterboxConfig(Path modelDir, String modelId, ModelPrecision precision, String decoder, String provider, int deviceId,
                               int concurrentJobs, Duration permitWait, int intraOpThreads, Path tokenizerCacheDir,
                               boolean verifyChecksums, DecodingOptions decoding, BatchingOptions batching) {

    public static final String DEFAULT_MODEL_ID = "onnx-community/chatterbox-ONNX";

    public ChatterboxConfig {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(decoding, "decoding");
        batching = batching == null ? BatchingOptions.defaults() : batching;
        decoder = new ModelVariant(precision, decoder).decoder();
        modelId = modelId == null || modelId.isBlank() ? DEFAULT_MODEL_ID : modelId;
        provider = provider == null || provider.isBlank() ? "auto" : provider.trim().toLowerCase(Locale.ROOT);
        if (!Set.of("auto", "cuda", "rocm", "cpu").contains(provider)) {
            throw new IllegalArgumentException("voxclone.engine.provider must be one of auto, cuda, rocm, cpu; was '" + provider + "'");
        }
        if (concurrentJobs < 1) {
            throw new IllegalArgumentException("concurrent jobs per device must be at least 1, was " + concurrentJobs);
        }
        permitWait = permitWait == null ? Duration.ofMinutes(5) : permitWait;
        tokenizerCacheDir = tokenizerCacheDir == null ? modelDir.resolve(".cache") : tokenizerCacheDir;
    }

    /** Defaults for a model directory: fp32, automatic provider, one job at a time. */
    public static ChatterboxConfig of(Path modelDir) {
        return new ChatterboxConfig(modelDir, DEFAULT_MODEL_ID, ModelPrecision.FP32, ModelVariant.DEFAULT_DECODER, "auto", 0, 1,
                Duration.ofMinutes(5), 0,
                null, false, DecodingOptions.defaults(), BatchingOptions.defaults());
    }

    public ChatterboxConfig withProvider(String newProvider) {
        return new ChatterboxConfig(modelDir, modelId, precision, decoder, newProvider, deviceId, concurrentJobs, permitWait,
                intraOpThreads, tokenizerCacheDir, verifyChecksums, decoding, batching);
    }

    public ChatterboxConfig withPrecision(ModelPrecision newPrecision) {
        return new ChatterboxConfig(modelDir, modelId, newPrecision, decoder, provider, deviceId, concurrentJobs, permitWait,
                intraOpThreads, tokenizerCacheDir, verifyChecksums, decoding, batching);
    }

    public ChatterboxConfig withDecoder(String newDecoder) {
        return new ChatterboxConfig(modelDir, modelId, precision, newDecoder, provider, deviceId, concurrentJobs, permitWait,
                intraOpThreads, tokenizerCacheDir, verifyChecksums, decoding, batching);
    }

    /** The files this configuration loads. */
    public ModelVariant variant() {
        return new ModelVariant(precision, decoder);
    }

    public ChatterboxConfig withDecoding(DecodingOptions newDecoding) {
        return new ChatterboxConfig(modelDir, modelId, precision, decoder, provider, deviceId, concurrentJobs, permitWait,
                intraOpThreads, tokenizerCacheDir, verifyChecksums, newDecoding, batching);
    }

    public ChatterboxConfig withConcurrency(int jobs, Duration wait) {
        return new ChatterboxConfig(modelDir, modelId, precision, decoder, provider, deviceId, jobs, wait,
                intraOpThreads, tokenizerCacheDir, verifyChecksums, decoding, batching);
    }

    public ChatterboxConfig withBatching(BatchingOptions newBatching) {
        return new ChatterboxConfig(modelDir, modelId, precision, decoder, provider, deviceId, concurrentJobs, permitWait,
                intraOpThreads, tokenizerCacheDir, verifyChecksums, decoding, newBatching);
    }
}
