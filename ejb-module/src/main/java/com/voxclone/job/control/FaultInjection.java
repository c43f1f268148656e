package com.voxclone.job.control;

import com.voxclone.job.entity.VoiceCloneJob;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deliberate failures for drills and tests, off unless configured. With
 * {@code voxclone.faults.failing-voice-names} (environment {@code VOXCLONE_FAULTS_FAILING_VOICE_NAMES}) set to a
 * regular expression, every processing attempt of a job whose voice name matches it fails with a transient error,
 * exercising redelivery, backoff and the dead-letter queue on the real stack.
 */
@ApplicationScoped
public class FaultInjection {

    private static final Logger LOG = Logger.getLogger(FaultInjection.class.getName());

    @Inject
    @ConfigProperty(name = "voxclone.faults.failing-voice-names")
    Optional<String> failingVoiceNames;

    private Pattern failing;

    @PostConstruct
    void init() {
        failing = failingVoiceNames.filter(s -> !s.isBlank()).map(Pattern::compile).orElse(null);
        if (failing != null) {
            LOG.warning(() -> "Fault injection is ON: jobs whose voice name matches '" + failing + "' fail every attempt.");
        }
    }

    public void beforeProcessing(VoiceCloneJob job) {
        if (failing != null && failing.matcher(job.getVoiceName()).matches()) {
            throw new InjectedFault("Injected transient failure for voice name '" + job.getVoiceName() + "' (fault injection is on)");
        }
    }

    /** A failure caused on purpose; handled like any other transient failure. */
    public static class InjectedFault extends RuntimeException {
        InjectedFault(String message) {
            super(message);
        }
    }
}
