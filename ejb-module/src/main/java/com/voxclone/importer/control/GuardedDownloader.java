package com.voxclone.importer.control;

import com.voxclone.importer.entity.ImportLimits;
import com.voxclone.importer.entity.ImportRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Downloads a media URL into a file under the import limits. Redirects are followed here, not by the HTTP client,
 * so that every hop's address is checked by the {@link AddressGuard} before it is contacted.
 */
public final class GuardedDownloader {

    /** What was downloaded: the file, the final URL after redirects, and the server's content type. */
    public record Download(Path file, long size, URI finalUrl, String contentType) {
    }

    private final AddressGuard guard;
    private final ImportLimits limits;
    private final HttpClient http;

    public GuardedDownloader(AddressGuard guard, ImportLimits limits) {
        this.guard = guard;
        this.limits = limits;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public Download download(URI url, Path target) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        URI current = url;
        for (int hop = 0; hop <= limits.maxRedirects(); hop++) {
            guard.check(current);
            HttpRequest request = HttpRequest.newBuilder(current).timeout(remaining(deadline)).GET()
                    .header("User-Agent", "VoxClone media import").build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                throw new ImportRejectedException("The server at '" + current.getHost() + "' did not answer within "
                        + limits.timeout().toSeconds() + " seconds.", e);
            } catch (IOException e) {
                throw new ImportRejectedException("The server at '" + current.getHost() + "' could not be reached.", e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                response.body().close();
                String location = response.headers().firstValue("Location").orElseThrow(() ->
                        new ImportRejectedException("The server redirected '" + url + "' without saying where to."));
                current = current.resolve(location);
                continue;
            }
            if (status != 200) {
                response.body().close();
                throw new ImportRejectedException("The server answered '" + url + "' with status " + status
                        + "; only a direct link to a media file can be imported.");
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > limits.maxBytes()) {
                response.body().close();
                throw tooLarge(declared);
            }
            long size = copy(response.body(), target, deadline);
            return new Download(target, size, current, response.headers().firstValue("Content-Type").orElse(""));
        }
        throw new ImportRejectedException("'" + url + "' redirected more than " + limits.maxRedirects() + " times.");
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

    private static Duration remaining(long deadline) {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new ImportRejectedException("The download took too long and was stopped.");
        }
        return Duration.ofNanos(nanos);
    }
}
