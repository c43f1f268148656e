package com.voxclone.importer.boundary;

import com.voxclone.importer.control.ImportConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Requests to addresses that users give, other than media imports (webhooks), under the import's guard against
 * server-side request forgery: only public internet addresses, checked when the name is looked up and again when
 * connecting, and the same test-only switch for private addresses.
 */
@ApplicationScoped
public class GuardedRequests {

    @Inject
    ImportConfiguration configuration;

    /**
     * Refuses an address that the guard would never let a request reach, so that it is not accepted in the first place.
     *
     * @throws ImportRejectedException naming why, without saying where the name points
     */
    public void check(URI url) {
        configuration.guard().check(url);
    }

    /**
     * POSTs {@code body}; answers the status code. No redirect is followed.
     *
     * @throws ImportRejectedException when the address may not be contacted or does not answer in time
     */
    public int post(URI url, String contentType, byte[] body, Map<String, String> headers, Duration timeout) throws IOException {
        return configuration.outbound(timeout).post(url, contentType, body, headers);
    }
}
