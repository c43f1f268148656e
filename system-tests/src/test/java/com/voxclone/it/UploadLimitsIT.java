package com.voxclone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Uploads cannot make the server read or keep more than the limits allow: a 2 GB chunked upload (no declared length)
 * is refused once about 50 MB have gone in, and rejected uploads of every kind leave no temporary file behind.
 * Traffic goes to the loopback address only and every loop is bounded.
 */
@ExtendWith(SharedStack.class)
@Order(8)
class UploadLimitsIT {

    private static final long LIMIT = 52_428_800L;
    /** Bytes the test will send at most: it stops by itself if the server never refuses. */
    private static final long GIVE_UP_AFTER = 2L * 1024 * 1024 * 1024;

    static Api api;
    static String key;

    @BeforeAll
    static void user() throws Exception {
        api = SharedStack.api();
        key = api.createUser("Upload limits");
    }

    /** What a chunked upload of an endless file got: the server's status line and the bytes the client could send. */
    private record Sent(String status, long bytes) {
    }

    /**
     * Sends a clone request whose file never ends, in chunks of {@code piece} with {@code pauseMillis} between them,
     * until the server answers or {@link #GIVE_UP_AFTER} bytes or {@code giveUpSeconds} have gone by.
     */
    private static Sent endlessUpload(int piece, long pauseMillis, long giveUpSeconds) throws Exception {
        var base = SharedStack.stack().baseUri();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(120_000);
            String boundary = "----voxclone-endless";
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + Api.ONBOARDING + "/clone HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAuthorization: Bearer " + key + "\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            CompletableFuture<String> statusLine = CompletableFuture.supplyAsync(() -> firstLine(in));
            chunk(out, ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.wav\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = new byte[piece];
            Arrays.fill(bytes, (byte) 'x');
            long sent = 0;
            long giveUp = System.nanoTime() + giveUpSeconds * 1_000_000_000L;
            try {
                while (sent < GIVE_UP_AFTER && !statusLine.isDone() && System.nanoTime() < giveUp) {
                    chunk(out, bytes);
                    sent += piece;
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (SocketException refusedMidway) {
                // the server answered and closed the connection while we were still sending
            }
            return new Sent(statusLine.get(60, TimeUnit.SECONDS), sent);
        }
    }

    @Test
    void aTwoGigabyteChunkedUploadIsRefusedAfterAboutTheLimit() throws Exception {
        Sent sent = endlessUpload(64 * 1024, 0, 600);
        assertTrue(sent.status().startsWith("HTTP/1.1 413"), "expected 413, got '" + sent.status() + "' after " + sent.bytes() + " bytes");
        // The limit plus what the socket buffers on both sides hold.
        assertTrue(sent.bytes() < LIMIT + 32L * 1024 * 1024, "the client could send " + sent.bytes() + " bytes before the refusal");
    }

    @Test
    void anUploadTricklingInIsStoppedAfterTheTimeLimit() throws Exception {
        long[] before = uploadsInTemp();
        long started = System.nanoTime();
        // 4 kB every 200 ms: a 50 MB file would take 40 minutes. The shared stack allows 20 s (VOXCLONE_UPLOAD_MAX_SECONDS).
        Sent sent = endlessUpload(4 * 1024, 200, 120);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(sent.status().startsWith("HTTP/1.1 408"), "expected 408, got '" + sent.status() + "' after " + seconds + " s");
        assertTrue(seconds < 60, "stopped after " + seconds + " s");
        assertEquals(Arrays.toString(before), Arrays.toString(uploadsInTemp()), "the part received is removed");
    }

    @Test
    void rejectedUploadsLeaveNoTemporaryFiles() throws Exception {
        long[] before = uploadsInTemp();
        byte[] notMedia = new byte[256 * 1024];
        Arrays.fill(notMedia, (byte) 'z');
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = switch (i % 4) {
                // not audio or video: read in full, then refused
                case 0 -> api.upload(key, Map.of("voiceName", "Not media " + i), notMedia, "x.wav");
                // a field far past its size
                case 1 -> api.upload(key, Map.of("voiceName", "y".repeat(70_000)), notMedia, "x.wav");
                // the file arrives but the fields are invalid
                case 2 -> api.upload(key, Map.of("voiceName", "", "exaggeration", "99"), notMedia, "x.wav");
                // another endpoint that takes media: the sample of a voice that does not exist
                default -> api.multipart("/api/public/voice/voices/voice_missing/samples", key, Map.of(), notMedia, "x.wav",
                        HttpResponse.BodyHandlers.ofString());
            };
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, "upload " + i + ": " + r.statusCode() + " " + r.body());
        }
        assertEquals(Arrays.toString(before), Arrays.toString(uploadsInTemp()), "temporary upload files (count, bytes) after 200 refusals");
    }

    /** Count and total size of the server's temporary upload files (it runs on this machine). */
    static long[] uploadsInTemp() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("voxclone-upload-") && p.toString().endsWith(".part"))
                    .mapToLong(p -> p.toFile().length()).collect(() -> new long[2], (a, size) -> {
                        a[0]++;
                        a[1] += size;
                    }, (a, b) -> {
                        a[0] += b[0];
                        a[1] += b[1];
                    });
        }
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static String firstLine(InputStream in) {
        try {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            return line.toString().trim();
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }
}
