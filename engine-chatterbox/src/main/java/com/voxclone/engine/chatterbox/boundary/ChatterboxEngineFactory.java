package com.voxclone.engine.chatterbox.boundary;

import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.boundary.VoiceEngineProvider;
import com.voxclone.engine.chatterbox.entity.BatchingOptions;
import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.DecodingOptions;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import com.voxclone.engine.chatterbox.entity.ModelPrecision;
import com.voxclone.engine.chatterbox.entity.ModelVariant;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Builds the Chatterbox engine from MicroProfile Config when it is first asked for (so a server running the offline
 * engine never loads gigabytes of weights) and closes it on shutdown. The server's engine selection
 * ({@code voxclone.engine=chatterbox}) calls {@link #engine()}.
 */
@ApplicationScoped
public class ChatterboxEngineFactory implements VoiceEngineProvider {

    /** Which Chatterbox model this node runs: {@code chatterbox} or {@code chatterbox-turbo}. */
    @Inject
    @ConfigProperty(name = "voxclone.model", defaultValue = "chatterbox")
    String model;

    /** Each model in a folder named by its id, unless {@code voxclone.model.dir} names the one model's folder. */
    @Inject
    @ConfigProperty(name = "voxclone.models.dir", defaultValue = ModelsCommand.DEFAULT_MODELS_DIR)
    String modelsDir;

    @Inject
    @ConfigProperty(name = "voxclone.model.dir")
    Optional<String> modelDir;

    /** The release recorded with voices; by default the chosen model's published one. */
    @Inject
    @ConfigProperty(name = "voxclone.model.id")
    Optional<String> modelId;

    @Inject
    @ConfigProperty(name = "voxclone.model.precision", defaultValue = "fp32")
    String precision;

    @Inject
    @ConfigProperty(name = "voxclone.model.decoder", defaultValue = ModelVariant.DEFAULT_DECODER)
    String decoder;

    @Inject
    @ConfigProperty(name = "voxclone.engine.provider", defaultValue = "auto")
    String provider;

    @Inject
    @ConfigProperty(name = "voxclone.engine.device-id", defaultValue = "0")
    int deviceId;

    @Inject
    @ConfigProperty(name = "voxclone.engine.concurrency", defaultValue = "1")
    int concurrency;

    @Inject
    @ConfigProperty(name = "voxclone.engine.queue-wait-seconds", defaultValue = "300")
    long queueWaitSeconds;

    @Inject
    @ConfigProperty(name = "voxclone.engine.threads", defaultValue = "0")
    int threads;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.tokenizer-cache")
    Optional<String> tokenizerCache;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.verify-checksums", defaultValue = "false")
    boolean verifyChecksums;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.repetition-penalty", defaultValue = "1.2")
    double repetitionPenalty;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.min-p", defaultValue = "0.05")
    double minP;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.top-p", defaultValue = "1.0")
    double topP;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.greedy", defaultValue = "false")
    boolean greedy;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.max-new-tokens", defaultValue = "1000")
    int maxNewTokens;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.context-tokens", defaultValue = "25")
    int contextTokens;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.max-chunk-tokens", defaultValue = "25")
    int maxChunkTokens;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.chunk-growth", defaultValue = "2")
    int chunkGrowth;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.decoder-prompt-seconds", defaultValue = "10")
    int decoderPromptSeconds;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.batch-size", defaultValue = "16")
    int batchSize;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.batch-cache-mb", defaultValue = "1024")
    long batchCacheMegabytes;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.concurrent-calls", defaultValue = "2")
    int concurrentCalls;

    @Inject
    @ConfigProperty(name = "voxclone.chatterbox.decoder-batch-size", defaultValue = "1")
    int decoderBatchSize;

    @Inject
    MetricRegistry metrics;

    private ChatterboxEngine engine;

    public ChatterboxConfig config() {
        ModelFamily family = ModelFamily.byId(model);
        return new ChatterboxConfig(ModelsCommand.modelDir(modelDir, modelsDir, family), modelId.orElse(family.defaultModelId()),
                ModelPrecision.parse(precision), decoder, provider, deviceId, concurrency,
                Duration.ofSeconds(queueWaitSeconds), threads, tokenizerCache.map(Path::of).orElse(null), verifyChecksums,
                new DecodingOptions(repetitionPenalty, minP, topP, greedy, maxNewTokens, contextTokens, maxChunkTokens,
                        chunkGrowth, decoderPromptSeconds),
                new BatchingOptions(batchSize, batchCacheMegabytes << 20, concurrentCalls, decoderBatchSize));
    }

    /** The shared engine, loaded on first use; throws an EngineException naming missing files if the model is absent. */
    @Override
    public String id() {
        return ChatterboxEngine.ID;
    }

    @Override
    public synchronized ChatterboxEngine engine() {
        if (engine == null) {
            ModelFamily wanted;
            ChatterboxConfig config;
            try {
                wanted = ModelFamily.byId(model);
                config = config();
            } catch (IllegalArgumentException e) {
                throw new EngineException(e.getMessage() + ". Set VOXCLONE_MODEL to one of them.", false, e);
            }
            ChatterboxEngine loaded = new ChatterboxEngine(config);
            if (loaded.family() != wanted) {
                loaded.close();
                throw new EngineException("The model directory " + config.modelDir() + " holds the graphs of " + loaded.family().id()
                        + ", but this node is set to run " + wanted.id() + " (VOXCLONE_MODEL). Set VOXCLONE_MODEL="
                        + loaded.family().id() + ", or put " + wanted.id() + "'s files there (`./voxclone models fetch "
                        + wanted.id() + "`).", false);
            }
            engine = loaded;
            if (metrics != null && config.concurrentJobs() > 1 && config.batching().enabled()) {
                publishBatching(loaded);
            }
        }
        return engine;
    }

    /** What continuous batching does, for monitoring: how many steps and decoder calls, how full, at most how many requests. */
    private void publishBatching(ChatterboxEngine loaded) {
        Tag model = new Tag("model", loaded.family().id());
        gauge("voxclone.engine.batched.steps", "Language-model steps run as one batch for the requests generating at once, since the engine started",
                () -> loaded.batchingReport().steps(), model);
        gauge("voxclone.engine.batched.request.steps", "Request-steps those batched steps covered; divided by the steps, the mean batch",
                () -> loaded.batchingReport().requestSteps(), model);
        gauge("voxclone.engine.batched.largest", "The most requests in one batched language-model step since the engine started",
                () -> loaded.batchingReport().largestBatch(), model);
        gauge("voxclone.engine.decoder.batched.calls", "Decoder graph calls made for the requests on the device, since the engine started",
                () -> loaded.decoderBatchingReport().calls(), model);
        gauge("voxclone.engine.decoder.batched.requests", "Requests' decoder calls those graph calls covered; divided by the calls, the mean decoder batch",
                () -> loaded.decoderBatchingReport().requests(), model);
        gauge("voxclone.engine.decoder.batched.largest", "The most requests' decoder calls in one graph call since the engine started",
                () -> loaded.decoderBatchingReport().largest(), model);
    }

    private void gauge(String name, String description, Supplier<Number> value, Tag model) {
        metrics.gauge(Metadata.builder().withName(name).withDescription(description).build(), value, model);
    }

    @PreDestroy
    synchronized void shutdown() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
