package com.voxclone.it;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running product shared by all test classes (starting it takes most of a minute), stopped when the test run
 * ends. Started with fault injection: voice names beginning with {@code fail-always} fail every attempt (the
 * dead-letter test), those beginning with {@code fail-first-run} fail until an administrator retries them.
 */
public class SharedStack implements BeforeAllCallback {

    public static final String FAILING_VOICE_PREFIX = "fail-always";
    public static final String FAILING_FIRST_RUN_PREFIX = "fail-first-run";
    private static VoxCloneStack stack;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (stack == null) {
            stack = VoxCloneStack.embedded("main", Map.of(
                    "VOXCLONE_FAULTS_FAILING_VOICE_NAMES", FAILING_VOICE_PREFIX + ".*",
                    "VOXCLONE_FAULTS_FAILING_FIRST_RUN_VOICE_NAMES", FAILING_FIRST_RUN_PREFIX + ".*",
                    "VOXCLONE_JOB_REDELIVERY_DELAY_MS", "300"));
            VoxCloneStack started = stack.start();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .put("voxclone-stack", (ExtensionContext.Store.CloseableResource) started::close);
        }
    }

    public static VoxCloneStack stack() {
        return stack;
    }

    public static Api api() {
        return new Api(stack.baseUri());
    }
}
