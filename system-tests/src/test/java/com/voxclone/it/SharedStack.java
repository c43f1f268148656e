package com.voxclone.it;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running product shared by all test classes (starting it takes most of a minute), stopped when the test run
 * ends. Started with fault drills on and fault injection (voice names beginning with {@code fail-always} fail every attempt, for the
 * dead-letter test; those beginning with {@code fail-first-run} fail until an administrator retries them), and with
 * sign-in by company account against a {@link TestIdentityProvider} that lives as long as the stack (members of
 * {@link #ADMIN_GROUP} become admins, of {@link #USER_GROUP} users).
 */
public class SharedStack implements BeforeAllCallback {

    public static final String FAILING_VOICE_PREFIX = "fail-always";
    public static final String FAILING_FIRST_RUN_PREFIX = "fail-first-run";
    public static final String ADMIN_GROUP = "voxclone-admins";
    public static final String USER_GROUP = "staff";
    private static VoxCloneStack stack;
    private static TestIdentityProvider identityProvider;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (stack == null) {
            ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
            identityProvider = TestIdentityProvider.start();
            store.put("voxclone-identity-provider", (ExtensionContext.Store.CloseableResource) identityProvider::close);
            Map<String, String> settings = new HashMap<>();
            settings.put("VOXCLONE_DRILLS_ENABLED", "true");
            settings.put("VOXCLONE_FAULTS_FAILING_VOICE_NAMES", FAILING_VOICE_PREFIX + ".*");
            settings.put("VOXCLONE_FAULTS_FAILING_FIRST_RUN_VOICE_NAMES", FAILING_FIRST_RUN_PREFIX + ".*");
            settings.put("VOXCLONE_JOB_REDELIVERY_DELAY_MS", "300");
            // Short job leases, renewed every few seconds: every longer job of the suite depends on the renewal.
            settings.put("VOXCLONE_JOBS_LEASE_SECONDS", Integer.toString(JobLeaseIT.LEASE_SECONDS));
            settings.put("VOXCLONE_FAULTS_SLOW_VOICE_NAMES", JobLeaseIT.OUTLASTING_PREFIX + ".*");
            settings.put("VOXCLONE_FAULTS_SLOW_SECONDS", Integer.toString(JobLeaseIT.HELD_SECONDS));
            // A time limit well above any job of the suite but the hung one, which outlasts it.
            settings.put("VOXCLONE_JOBS_TIME_LIMIT_SECONDS", Integer.toString(JobLeaseIT.TIME_LIMIT_SECONDS));
            settings.put("VOXCLONE_FAULTS_HUNG_VOICE_NAMES", JobLeaseIT.HUNG_PREFIX + ".*");
            settings.put("VOXCLONE_FAULTS_HUNG_SECONDS", Integer.toString(JobLeaseIT.HUNG_SECONDS));
            // UploadLimitsIT waits for an upload's time limit: short here, uploads in the tests are fast.
            settings.put("VOXCLONE_UPLOAD_MAX_SECONDS", "20");
            settings.put("VOXCLONE_OIDC_ISSUER", identityProvider.issuer());
            settings.put("VOXCLONE_OIDC_CLIENT_ID", TestIdentityProvider.CLIENT_ID);
            settings.put("VOXCLONE_OIDC_CLIENT_SECRET", TestIdentityProvider.CLIENT_SECRET);
            settings.put("VOXCLONE_OIDC_ADMIN_GROUPS", ADMIN_GROUP);
            settings.put("VOXCLONE_OIDC_USER_GROUPS", USER_GROUP + ",contractors");
            stack = VoxCloneStack.embedded("main", settings);
            VoxCloneStack started = stack.start();
            store.put("voxclone-stack", (ExtensionContext.Store.CloseableResource) started::close);
        }
    }

    public static VoxCloneStack stack() {
        return stack;
    }

    public static TestIdentityProvider identityProvider() {
        return identityProvider;
    }

    public static Api api() {
        return new Api(stack.baseUri());
    }
}
