package com.voxclone.webhook.boundary;

import com.voxclone.importer.boundary.GuardedRequests;
import com.voxclone.platform.boundary.Platform;
import com.voxclone.platform.boundary.RepeatingWork;
import com.voxclone.webhook.control.RetrySchedule;
import com.voxclone.webhook.control.WebhookSignature;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends due webhook deliveries every two seconds, signed, through the same guard as media imports; retries failures
 * with growing delays ({@link RetrySchedule}). Every web node runs it; the store hands each delivery to one of them.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final int BATCH = 20;

    @Inject
    WebhookStore store;

    @Inject
    GuardedRequests requests;

    @Inject
    @ConfigProperty(name = "voxclone.webhooks.retry-base-seconds", defaultValue = "10")
    int retryBaseSeconds;

    @Inject
    @ConfigProperty(name = "voxclone.webhooks.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "voxclone.webhooks.timeout-seconds", defaultValue = "10")
    int timeoutSeconds;

    /** One for all instances: an outage is said once. */
    private static final RepeatingWork DISPATCH = new RepeatingWork(LOG, "Sending due webhook deliveries");

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    public void sendDue() {
        if (!Platform.schemaReady()) {
            return;
        }
        DISPATCH.run(() -> {
            Duration timeout = Duration.ofSeconds(timeoutSeconds);
            RetrySchedule retries = new RetrySchedule(Duration.ofSeconds(retryBaseSeconds), maxAttempts);
            for (WebhookStore.Due due : store.claim(BATCH, timeout.multipliedBy(3))) {
                send(due, timeout, retries);
            }
        });
    }

    private void send(WebhookStore.Due due, Duration timeout, RetrySchedule retries) {
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = Map.of(WebhookSignature.ID, due.id().toString(),
                WebhookSignature.TIMESTAMP, Long.toString(timestamp),
                WebhookSignature.SIGNATURE, WebhookSignature.sign(due.secret(), timestamp, due.payload()));
        try {
            int status = requests.post(URI.create(due.url()), "application/json",
                    due.payload().getBytes(StandardCharsets.UTF_8), headers, timeout);
            if (status / 100 == 2) {
                store.delivered(due.id(), status);
            } else {
                store.failed(due.id(), status, "the endpoint answered " + status, retries.after(due.attempts()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "Webhook delivery " + due.id() + " failed: " + e.getMessage());
            store.failed(due.id(), null, e.getMessage(), retries.after(due.attempts()));
        }
    }
}
