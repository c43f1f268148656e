package com.voxclone.web.onboarding;

import com.voxclone.audio.entity.MediaLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Upload limits from configuration (defaults: the product's 50 MB, 2 s to 5 min). */
@ApplicationScoped
public class UploadLimits {

    @Inject
    @ConfigProperty(name = "voxclone.upload.max-bytes", defaultValue = "52428800")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "voxclone.upload.min-seconds", defaultValue = "2")
    double minSeconds;

    @Inject
    @ConfigProperty(name = "voxclone.upload.max-seconds", defaultValue = "300")
    double maxSeconds;

    public MediaLimits media() {
        return new MediaLimits(maxBytes, Duration.ofMillis(Math.round(minSeconds * 1000)), Duration.ofMillis(Math.round(maxSeconds * 1000)));
    }

    public long maxBytes() {
        return maxBytes;
    }
}
