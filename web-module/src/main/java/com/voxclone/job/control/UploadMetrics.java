package com.voxclone.job.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/** Uploads accepted on this node, for monitoring (those refused are counted by their problem type). */
@ApplicationScoped
public class UploadMetrics {

    static final Metadata ACCEPTED_BYTES = Metadata.builder().withName("voxclone.upload.accepted")
            .withDescription("Bytes of recordings stored for new jobs").withUnit(MetricUnits.BYTES).build();
    static final Metadata ACCEPTED = Metadata.builder().withName("voxclone.upload.accepted.files")
            .withDescription("Recordings stored for new jobs").build();

    @Inject
    MetricRegistry registry;

    public void accepted(long bytes) {
        registry.counter(ACCEPTED).inc();
        registry.counter(ACCEPTED_BYTES).inc(bytes);
    }
}
