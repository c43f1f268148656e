package com.voxclone.job.control;

import com.voxclone.job.entity.VoiceCloneJob;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deliberate failures for drills and tests. Nothing is injected unless fault drills are switched on
 * ({@code voxclone.drills.enabled}, environment {@code VOXCLONE_DRILLS_ENABLED}): on a production installation a
 * stray fault setting is ignored, with a warning. With drills on and
 * {@code voxclone.faults.failing-voice-names} (environment {@code VOXCLONE_FAULTS_FAILING_VOICE_NAMES}) set to a
 * regular expression, every processing attempt of a job whose voice name matches it fails with a transient error,
 * exercising redelivery, backoff and the dead-letter queue on the real stack. With
 * {@code voxclone.faults.failing-first-run-voice-names} ({@code VOXCLONE_FAULTS_FAILING_FIRST_RUN_VOICE_NAMES}), the
 * matching jobs fail only in their first run, so that an administrator's retry succeeds, like after a repaired outage.
 * With {@code voxclone.faults.crash-in-commit-voice-names} ({@code VOXCLONE_FAULTS_CRASH_IN_COMMIT_VOICE_NAMES}), the
 * whole server process dies (as with {@code kill -9}) in the middle of a matching job's two-phase commit, after the
 * database and the broker have prepared their part: the drill for transactions left in doubt by a crash. With
 * {@code voxclone.faults.hung-voice-names} ({@code VOXCLONE_FAULTS_HUNG_VOICE_NAMES}), a matching job's work hangs for
 * {@code voxclone.faults.hung-seconds} and does not stop when interrupted, like a hung native engine call: the drill
 * for the jobs' time limit.
 */
@ApplicationScoped
public class FaultInjection {

    private static final Logger LOG = Logger.getLogger(FaultInjection.class.getName());

    @Inject
    @ConfigProperty(name = "voxclone.drills.enabled", defaultValue = "false")
    boolean drillsEnabled;

    @Inject
    @ConfigProperty(name = "voxclone.faults.failing-voice-names")
    Optional<String> failingVoiceNames;

    @Inject
    @ConfigProperty(name = "voxclone.faults.failing-first-run-voice-names")
    Optional<String> failingFirstRunVoiceNames;

    @Inject
    @ConfigProperty(name = "voxclone.faults.crash-in-commit-voice-names")
    Optional<String> crashInCommitVoiceNames;

    @Inject
    @ConfigProperty(name = "voxclone.faults.slow-voice-names")
    Optional<String> slowVoiceNames;

    @Inject
    @ConfigProperty(name = "voxclone.faults.slow-seconds", defaultValue = "20")
    int slowSeconds;

    @Inject
    @ConfigProperty(name = "voxclone.faults.hung-voice-names")
    Optional<String> hungVoiceNames;

    @Inject
    @ConfigProperty(name = "voxclone.faults.hung-seconds", defaultValue = "120")
    int hungSeconds;

    @Resource(lookup = "java:appserver/TransactionManager")
    TransactionManager transactions;

    private Pattern failing;
    private Pattern failingFirstRun;
    private Pattern crashInCommit;
    private Pattern slow;
    private Pattern hung;

    @PostConstruct
    void init() {
        failing = pattern(failingVoiceNames, "fail every attempt");
        failingFirstRun = pattern(failingFirstRunVoiceNames, "fail every attempt of their first run");
        crashInCommit = pattern(crashInCommitVoiceNames, "kill the server in the middle of their commit");
        slow = pattern(slowVoiceNames, "take " + slowSeconds + " s longer, so that a drill can stop a node in the middle of them");
        hung = pattern(hungVoiceNames, "hang for " + hungSeconds + " s, not stopping when interrupted");
    }

    private Pattern pattern(Optional<String> expression, String effect) {
        Pattern pattern = expression.filter(s -> !s.isBlank()).map(Pattern::compile).orElse(null);
        if (pattern == null) {
            return null;
        }
        if (!drillsEnabled) {
            LOG.warning(() -> "A fault-injection setting is present but ignored, because fault drills are off: jobs matching '"
                    + pattern + "' would " + effect + ". Set VOXCLONE_DRILLS_ENABLED=true only on a test installation.");
            return null;
        }
        LOG.warning(() -> "FAULT DRILLS ARE ON: jobs whose voice name matches '" + pattern + "' " + effect
                + ". Never run a production installation like this.");
        return pattern;
    }

    /** Whether drills are switched on, and which failures they inject: shown in the health report and the console. */
    public Map<String, String> describe() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("enabled", Boolean.toString(drillsEnabled));
        if (failing != null) {
            state.put("failingVoiceNames", failing.pattern());
        }
        if (failingFirstRun != null) {
            state.put("failingFirstRunVoiceNames", failingFirstRun.pattern());
        }
        if (crashInCommit != null) {
            state.put("crashInCommitVoiceNames", crashInCommit.pattern());
        }
        if (slow != null) {
            state.put("slowVoiceNames", slow.pattern());
            state.put("slowSeconds", Integer.toString(slowSeconds));
        }
        if (hung != null) {
            state.put("hungVoiceNames", hung.pattern());
            state.put("hungSeconds", Integer.toString(hungSeconds));
        }
        return state;
    }

    public void beforeProcessing(VoiceCloneJob job) {
        if (matches(failing, job) || (job.getRuns() == 1 && matches(failingFirstRun, job))) {
            throw new InjectedFault("Injected transient failure for voice name '" + job.getVoiceName() + "' (fault injection is on)");
        }
        if (matches(slow, job)) {
            LOG.warning(() -> "Drill: job " + job.getId() + " waits " + slowSeconds + " s before its work.");
            try {
                Thread.sleep(slowSeconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InjectedFault("Interrupted while a drill held job " + job.getId());
            }
        }
        hangIfMatching(job);
    }

    /** For a matching job, hangs as a native call does: interrupts are noted, not obeyed. */
    private void hangIfMatching(VoiceCloneJob job) {
        if (!matches(hung, job)) {
            return;
        }
        LOG.warning(() -> "Drill: job " + job.getId() + " hangs for " + hungSeconds + " s, not stopping when interrupted.");
        long end = System.nanoTime() + hungSeconds * 1_000_000_000L;
        boolean interrupted = false;
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            try {
                Thread.sleep(left / 1_000_000L + 1);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * For a matching job, joins the current transaction with a participant that stops the process when asked to
     * prepare. Joined last, it is prepared last: the database's and the broker's parts are then prepared and the
     * outcome not yet decided, the window a real crash can hit.
     */
    public void beforeCommit(VoiceCloneJob job) {
        if (!matches(crashInCommit, job)) {
            return;
        }
        try {
            transactions.getTransaction().enlistResource(new CrashingParticipant());
        } catch (RollbackException | SystemException e) {
            throw new IllegalStateException("The crash drill could not join the job's transaction", e);
        }
    }

    private static boolean matches(Pattern pattern, VoiceCloneJob job) {
        return pattern != null && pattern.matcher(job.getVoiceName()).matches();
    }

    /** A failure caused on purpose; handled like any other transient failure. */
    public static class InjectedFault extends RuntimeException {
        InjectedFault(String message) {
            super(message);
        }
    }
}
