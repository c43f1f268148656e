package com.voxclone.voice.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Synthesis figures of this worker for monitoring: how long each request took the engine, and its real-time factor
 * (time taken per second of speech: below 1 is faster than playback), by engine and operation.
 */
@ApplicationScoped
public class SynthesisMetrics {

    static final Metadata DURATION = Metadata.builder().withName("voxclone.synthesis.duration.milliseconds")
            .withDescription("Time the engine took for one synthesis request (speak or convert), in milliseconds").build();
    static final Metadata REAL_TIME_FACTOR = Metadata.builder().withName("voxclone.engine.real.time.factor.percent")
            .withDescription("Engine time per second of speech produced, in percent, one value per request (below 100: faster "
                    + "than real time)").build();

    @Inject
    MetricRegistry registry;

    /** One request done: {@code nanos} of engine time for {@code audioMillis} of speech. */
    public void spoken(String engine, String operation, long nanos, long audioMillis) {
        Tag[] tags = {new Tag("engine", engine), new Tag("operation", operation)};
        // Histograms rather than timers: Payara's exposition mixes units in a timer's figures (sums in seconds, means and
        // maxima in nanoseconds).
        registry.histogram(DURATION, tags).update(Math.round(nanos / 1e6));
        if (audioMillis > 0) {
            // In percent: a histogram holds whole numbers.
            registry.histogram(REAL_TIME_FACTOR, tags).update(Math.round(nanos / 1e4 / audioMillis));
        }
    }
}
