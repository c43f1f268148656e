package com.voxclone.audio.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.voxclone.platform.boundary.Problem;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Uploads are read as a stream with every limit enforced while reading: nothing past the limit is read or written,
 * and no temporary file outlives a refused upload.
 */
class MultipartUploadTest {

    private static final String BOUNDARY = "----voxclone-test-boundary";
    private static final long MAX = 5 * 1024 * 1024;
    private static final long TWO_GIGABYTES = 2L * 1024 * 1024 * 1024;

    /** Counts what the server reads from the client. */
    private static final class Counting extends ServletInputStream {
        private final InputStream in;
        long read;

        Counting(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }
    }

    /** An endless client: {@code length} bytes of file content that are only made as they are read. */
    private static InputStream generated(long length) {
        return new InputStream() {
            long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
    }

    private static HttpServletRequest chunked(Counting body) throws IOException {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn("POST");
        when(request.getContentType()).thenReturn("multipart/form-data; boundary=" + BOUNDARY);
        when(request.getContentLength()).thenReturn(-1);
        when(request.getContentLengthLong()).thenReturn(-1L);
        when(request.getHeader("Content-Length")).thenReturn(null);
        when(request.getInputStream()).thenReturn(body);
        return request;
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String fileHeader(String name) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"a.wav\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
    }

    private static Set<Path> uploadsInTemp() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("voxclone-upload-")).collect(Collectors.toSet());
        }
    }

    @Test
    void aFormIsReadWithItsFileAndFields() throws IOException {
        Counting body = new Counting(new SequenceInputStream(Collections.enumeration(List.of(
                text(field("voiceName", "Ada") + fileHeader("file")), generated(1000), text("\r\n" + field("seed", "7") + "--" + BOUNDARY + "--\r\n")))));
        Path kept;
        try (MultipartUpload upload = MultipartUpload.receive(chunked(body), "file", MAX)) {
            assertTrue(upload.hasFile());
            assertEquals(1000, upload.size());
            assertEquals("a.wav", upload.fileName());
            assertEquals("Ada", upload.fields().get("voiceName"));
            assertEquals("7", upload.fields().get("seed"));
            kept = upload.file();
            assertEquals(1000, Files.size(kept));
        }
        assertFalse(Files.exists(kept), "closing the upload removes its temporary file");
    }

    @Test
    void aSecondFilePartIsKeptApartWithItsOwnLimit() throws IOException {
        List<MultipartUpload.FilePart> parts = List.of(new MultipartUpload.FilePart("file", MAX, 1),
                new MultipartUpload.FilePart("consentAudio", 2000, 1));
        Counting body = new Counting(new SequenceInputStream(Collections.enumeration(List.of(
                text(fileHeader("consentAudio")), generated(1500), text("\r\n" + fileHeader("file")), generated(1000),
                text("\r\n--" + BOUNDARY + "--\r\n")))));
        try (MultipartUpload upload = MultipartUpload.receive(chunked(body), parts)) {
            assertEquals(1000, upload.size(), "the main file, wherever it stands in the form");
            assertEquals(1, upload.files().size());
            assertEquals(1500, upload.file("consentAudio").orElseThrow().size());
        }

        Set<Path> before = uploadsInTemp();
        Counting tooLong = new Counting(new SequenceInputStream(Collections.enumeration(List.of(
                text(fileHeader("file")), generated(1000), text("\r\n" + fileHeader("consentAudio")), generated(MAX)))));
        MediaRejectedException refused = assertThrows(MediaRejectedException.class,
                () -> MultipartUpload.receive(chunked(tooLong), parts));
        assertEquals(MediaRejectedException.Reason.TOO_LARGE, refused.reason());
        assertTrue(tooLong.read < 1000 + 2000 + 64 * 1024 + 2 * 1024, "read " + tooLong.read + " bytes, the second part's limit is 2000");
        assertEquals(before, uploadsInTemp(), "both temporary files are gone");
    }

    @Test
    void aTwoGigabyteChunkedUploadIsRefusedAfterAboutTheLimitWasRead() throws IOException {
        Set<Path> before = uploadsInTemp();
        Counting body = new Counting(new SequenceInputStream(text(fileHeader("file")), generated(TWO_GIGABYTES)));

        MediaRejectedException refused = assertThrows(MediaRejectedException.class,
                () -> MultipartUpload.receive(chunked(body), "file", MAX));

        assertEquals(MediaRejectedException.Reason.TOO_LARGE, refused.reason());
        assertTrue(body.read < MAX + MultipartUpload.FORM_OVERHEAD, "read " + body.read + " bytes of a 2 GB upload");
        assertEquals(before, uploadsInTemp(), "the refused upload's temporary file is gone");
    }

    @Test
    void aFormOfManyPartsIsRefusedWithoutReadingThemAll() throws IOException {
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            parts.append(field("f" + i, "v"));
        }
        String form = parts + "--" + BOUNDARY + "--\r\n";
        Counting body = new Counting(text(form));

        Problem refused = assertThrows(Problem.class, () -> MultipartUpload.receive(chunked(body), "file", MAX));

        assertEquals(400, refused.getResponse().getStatus());
        assertTrue(body.read < form.length() / 10, "read " + body.read + " of " + form.length() + " bytes");
        assertTrue(refused.getMessage().contains("more than " + MultipartUpload.MAX_PARTS + " parts"), refused.getMessage());
    }

    @Test
    void aHugeTextFieldIsRefusedAfterItsLimit() throws IOException {
        Set<Path> before = uploadsInTemp();
        Counting body = new Counting(new SequenceInputStream(Collections.enumeration(List.of(
                text(fileHeader("file")), generated(1000), text("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"voiceName\"\r\n\r\n"),
                generated(TWO_GIGABYTES)))));

        Problem refused = assertThrows(Problem.class, () -> MultipartUpload.receive(chunked(body), "file", MAX));

        assertEquals(400, refused.getResponse().getStatus());
        assertTrue(body.read < 2 * MultipartUpload.MAX_FIELD_BYTES + 10_000, "read " + body.read + " bytes");
        assertEquals(before, uploadsInTemp(), "the file part read before the refusal is removed");
    }

    @Test
    void anUploadTricklingInPastItsDeadlineIsRefusedAndLeavesNothing() throws IOException {
        Set<Path> before = uploadsInTemp();
        // A client that sends 1 kB every 20 ms of a 10 MB file: it would take more than three minutes.
        InputStream trickle = new InputStream() {
            private final InputStream data = generated(10L * 1024 * 1024);

            @Override
            public int read() throws IOException {
                return data.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return data.read(b, off, Math.min(len, 1024));
            }
        };
        Counting body = new Counting(new SequenceInputStream(text(fileHeader("file")), trickle));
        HttpServletRequest request = chunked(body);
        when(request.getAttribute(MultipartUpload.DEADLINE_ATTRIBUTE)).thenReturn(MultipartUpload.Deadline.in(1));

        long started = System.nanoTime();
        Problem refused = assertThrows(Problem.class, () -> MultipartUpload.receive(request, "file", 20 * MAX));

        assertEquals(408, refused.getResponse().getStatus());
        assertTrue(refused.getMessage().contains("after 1 s"), refused.getMessage());
        assertTrue(System.nanoTime() - started < 10_000_000_000L, "refused within seconds of its deadline");
        assertTrue(body.read < 1024 * 1024, "read " + body.read + " bytes");
        assertEquals(before, uploadsInTemp(), "the part received so far is removed");
    }
}
