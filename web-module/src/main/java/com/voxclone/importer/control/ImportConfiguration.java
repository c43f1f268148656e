package com.voxclone.importer.control;

import com.voxclone.importer.entity.ImportLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settings of the media import: where yt-dlp is, how long and how large a download may be, and (for tests only)
 * whether local and private addresses may be fetched.
 */
@ApplicationScoped
public class ImportConfiguration {

    private static final Logger LOG = Logger.getLogger(ImportConfiguration.class.getName());

    @Inject
    @ConfigProperty(name = "voxclone.import.ytdlp", defaultValue = "yt-dlp")
    String ytDlp;

    @Inject
    @ConfigProperty(name = "voxclone.import.timeout-seconds", defaultValue = "120")
    int timeoutSeconds;

    @Inject
    @ConfigProperty(name = "voxclone.import.max-redirects", defaultValue = "5")
    int maxRedirects;

    /** Never on in production: it lets the server fetch from its own network. For tests with a local server. */
    @Inject
    @ConfigProperty(name = "voxclone.import.allow-private-addresses", defaultValue = "false")
    boolean allowPrivateAddresses;

    /** Said once at start-up, loudly: with the switch on, anyone who may import can reach the server's own network. */
    void warnAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (allowPrivateAddresses) {
            LOG.warning("voxclone.import.allow-private-addresses (VOXCLONE_IMPORT_ALLOW_PRIVATE_ADDRESSES) is on: media "
                    + "imports may fetch from loopback, private and internal addresses, including cloud metadata "
                    + "services. This turns off the import's protection against server-side request forgery (SSRF). "
                    + "It is meant for tests with a local server and must never be on in production.");
        }
    }

    public AddressGuard guard() {
        return AddressGuard.system(allowPrivateAddresses);
    }

    /** A client for requests other than imports (webhook deliveries), under the same address guard. */
    public GuardedDownloader outbound(Duration timeout) {
        return new GuardedDownloader(AddressGuard.system(allowPrivateAddresses), new ImportLimits(0, timeout, 0, allowPrivateAddresses));
    }

    public MediaImporter importer(long maxBytes) {
        ImportLimits limits = new ImportLimits(maxBytes, Duration.ofSeconds(timeoutSeconds), maxRedirects, allowPrivateAddresses);
        return new MediaImporter(AddressGuard.system(allowPrivateAddresses), limits, ytDlp);
    }

    /** Looked up at most once a minute: starting yt-dlp takes a noticeable moment, and the portal asks on every visit. */
    private static final long PLATFORM_CHECK_NANOS = Duration.ofMinutes(1).toNanos();

    private record PlatformCheck(boolean available, long checkedAt) {
    }

    private volatile PlatformCheck platforms;

    /** Whether yt-dlp is installed, so that YouTube, TikTok and Twitch can be imported. */
    public boolean platformsAvailable() {
        PlatformCheck last = platforms;
        long now = System.nanoTime();
        if (last == null || now - last.checkedAt() > PLATFORM_CHECK_NANOS) {
            last = new PlatformCheck(new YtDlp(ytDlp, ImportLimits.defaults()).installed(), now);
            platforms = last;
        }
        return last.available();
    }
}
