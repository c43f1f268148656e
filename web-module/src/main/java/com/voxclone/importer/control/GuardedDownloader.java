package com.voxclone.importer.control;

import com.voxclone.importer.boundary.ImportRejectedException;
import com.voxclone.importer.entity.ImportLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Downloads a media URL into a file under the import limits. Redirects are followed here, not by the HTTP client,
 * so that every hop is checked by the {@link AddressGuard} before it is contacted; and the client looks host names
 * up through the guard too, so the addresses it connects to are exactly the ones that were checked (a name that
 * answers a public address to the check and a private one to the connection gains nothing).
 */
public final class GuardedDownloader {

    /** What was downloaded: the file, the final URL after redirects, and the server's content type. */
    public record Download(Path file, long size, URI finalUrl, String contentType) {
    }

    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(10);

    private final AddressGuard guard;
    private final ImportLimits limits;

    public GuardedDownloader(AddressGuard guard, ImportLimits limits) {
        this.guard = guard;
        this.limits = limits;
    }

    /** What a caller does with the answer: reads as much of the body as it needs; the response is closed afterwards. */
    public interface ResponseReader<T> {
        T read(URI finalUrl, String contentType, long declaredLength, InputStream body, long deadline) throws IOException;
    }

    public Download download(URI url, Path target) throws IOException {
        return fetch(url, (finalUrl, contentType, declared, body, deadline) -> {
            if (declared > limits.maxBytes()) {
                throw tooLarge(declared);
            }
            return new Download(target, copy(body, target, deadline), finalUrl, contentType);
        });
    }

    /**
     * Requests {@code url}, following redirects (each one checked by the guard), and hands the successful answer to
     * {@code reader}; the body is not read unless the reader reads it.
     */
    public <T> T fetch(URI url, ResponseReader<T> reader) throws IOException {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        try (CloseableHttpClient http = client(deadline)) {
            URI current = url;
            for (int hop = 0; hop <= limits.maxRedirects(); hop++) {
                guard.check(current);
                HttpGet request = new HttpGet(current);
                request.setConfig(RequestConfig.custom().setResponseTimeout(remaining(deadline)).build());
                ClassicHttpResponse response = send(http, request, current);
                try {
                    int status = response.getCode();
                    if (status >= 300 && status < 400) {
                        Header location = response.getFirstHeader("Location");
                        if (location == null) {
                            throw new ImportRejectedException("The server redirected '" + url + "' without saying where to.");
                        }
                        current = current.resolve(location.getValue());
                        continue;
                    }
                    if (status != 200 || response.getEntity() == null) {
                        throw new ImportRejectedException("The server answered '" + url + "' with status " + status
                                + "; only a direct link to a media file or a podcast feed can be imported.");
                    }
                    HttpEntity body = response.getEntity();
                    return reader.read(current, body.getContentType() == null ? "" : body.getContentType(),
                            body.getContentLength(), body.getContent(), deadline);
                } finally {
                    // Whatever the reader left unread is dropped with the connection, not downloaded on closing.
                    request.cancel();
                    closeCancelled(response);
                }
            }
        }
        throw new ImportRejectedException("'" + url + "' redirected more than " + limits.maxRedirects() + " times.");
    }

    /**
     * POSTs {@code body} to {@code url}, to a checked address only and without following redirects (a redirect is an
     * answer like any other); answers the status code.
     */
    public int post(URI url, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        try (CloseableHttpClient http = client(deadline)) {
            guard.check(url);
            HttpPost request = new HttpPost(url);
            request.setConfig(RequestConfig.custom().setResponseTimeout(remaining(deadline)).build());
            headers.forEach(request::setHeader);
            request.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
            try (ClassicHttpResponse response = send(http, request, url)) {
                return response.getCode();
            } finally {
                request.cancel();
            }
        }
    }

    private CloseableHttpClient client(long deadline) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver(guard))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT_TIMEOUT)
                                .setSocketTimeout(remaining(deadline)).build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("VoxClone")
                .build();
    }

    /** A cancelled response's stream is already cut; closing it may only report that, which is no news. */
    private static void closeCancelled(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection was dropped on purpose
        }
    }

    private ClassicHttpResponse send(CloseableHttpClient http, HttpUriRequestBase request, URI current) throws IOException {
        try {
            return http.executeOpen(null, request, null);
        } catch (RefusedAddress e) {
            throw e.rejection;
        } catch (SocketTimeoutException e) {
            throw new ImportRejectedException("The server at '" + current.getHost() + "' did not answer within "
                    + limits.timeout().toSeconds() + " seconds.", e);
        } catch (IOException e) {
            throw new ImportRejectedException("The server at '" + current.getHost() + "' could not be reached.", e);
        }
    }

    private long copy(InputStream body, Path target, long deadline) throws IOException {
        long total = 0;
        try (InputStream in = body; OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > limits.maxBytes()) {
                    throw tooLarge(total);
                }
                if (System.nanoTime() > deadline) {
                    throw new ImportRejectedException("The download took longer than " + limits.timeout().toSeconds()
                            + " seconds and was stopped.");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private ImportRejectedException tooLarge(long bytes) {
        return new ImportRejectedException("The media is larger than the limit of " + limits.maxBytes() / (1024 * 1024)
                + " MB" + (bytes > 0 ? " (at least " + bytes / (1024 * 1024) + " MB)" : "") + ".");
    }

    private static Timeout remaining(long deadline) {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new ImportRejectedException("The download took too long and was stopped.");
        }
        return Timeout.of(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)), TimeUnit.MILLISECONDS);
    }

    /** The client's name lookups, answered only with addresses the guard allows. */
    private record CheckedResolver(AddressGuard guard) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            try {
                return guard.addressesOf(host).toArray(InetAddress[]::new);
            } catch (ImportRejectedException e) {
                throw new RefusedAddress(e);
            }
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    /** Carries the guard's refusal through the client, which expects lookups to fail with this type. */
    private static final class RefusedAddress extends UnknownHostException {
        final transient ImportRejectedException rejection;

        RefusedAddress(ImportRejectedException rejection) {
            super(rejection.getMessage());
            this.rejection = rejection;
        }
    }
}
