package com.voxclone.audio.boundary;

import com.voxclone.platform.boundary.Problem;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadFileCountLimitException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * A multipart form with one file (or, for a batch, several), read from the request as a stream: each file goes to a
 * temporary file and the other fields are read as text. Every limit holds while reading, so the server never reads or
 * writes more than the limits allow: a file is refused (413) as soon as it passes its size, the whole request as soon
 * as it passes the files' sizes plus room for the fields, and a form with too many parts or a field longer than a field
 * can be is refused (400). An upload still arriving after its deadline ({@link Deadline}, set by {@link UploadSizeGuard}
 * from {@code voxclone.upload.max-seconds}) is refused (408) when its next bytes come, so a client trickling its body cannot hold a request thread and a temporary file for ever
 * (one that sends nothing at all is cut by the server's read timeout). Whatever happens, the temporary files are
 * removed when reading fails or the upload is closed.
 */
public final class MultipartUpload implements AutoCloseable {

    /** Form fields are short: settings, names, a sentence. */
    static final int MAX_FIELD_BYTES = 64 * 1024;
    /** The forms have a file and about a dozen fields. */
    static final int MAX_PARTS = 32;
    /** The request attribute that holds the upload's {@link Deadline}; without one an upload has no time limit. */
    static final String DEADLINE_ATTRIBUTE = "voxclone.upload.deadline";

    /** When an upload must have arrived ({@link System#nanoTime()}), and the limit in seconds it came from. */
    public record Deadline(long nanoTime, long seconds) {
        public static Deadline in(long seconds) {
            return new Deadline(System.nanoTime() + seconds * 1_000_000_000L, seconds);
        }
    }
    /** Room for the multipart framing and the text fields around the file. */
    static final long FORM_OVERHEAD = (long) MAX_PARTS * (MAX_FIELD_BYTES + 1024);

    /** One file of the form, from its part {@code part}. */
    public record Received(String part, Path file, long size, String fileName) {
    }

    /** A part of the form that holds a file: its name, the size limit of each, and how many the form may hold. */
    public record FilePart(String name, long maxBytes, int maxFiles) {
    }

    private final String mainPart;
    private final List<Received> files;
    private final Map<String, String> fields;

    private MultipartUpload(String mainPart, List<Received> files, Map<String, String> fields) {
        this.mainPart = mainPart;
        this.files = files;
        this.fields = fields;
    }

    /**
     * Reads the form of {@code request}; the part named {@code filePart} is the file, at most {@code maxBytes}.
     *
     * @throws MediaRejectedException {@link MediaRejectedException.Reason#TOO_LARGE} past the size limit
     * @throws Problem                400 for a body that is not a readable multipart form, too many parts or a long field
     */
    public static MultipartUpload receive(HttpServletRequest request, String filePart, long maxBytes) throws IOException {
        return receive(request, filePart, maxBytes, 1);
    }

    /** Like {@link #receive(HttpServletRequest, String, long)}, with up to {@code maxFiles} parts named {@code filePart}. */
    public static MultipartUpload receive(HttpServletRequest request, String filePart, long maxBytes, int maxFiles) throws IOException {
        return receive(request, List.of(new FilePart(filePart, maxBytes, maxFiles)));
    }

    /**
     * Reads the form of {@code request} with files in the parts {@code fileParts} names, each within its limits; the
     * first is the form's main file ({@link #file()}). Any other part is a text field.
     */
    public static MultipartUpload receive(HttpServletRequest request, List<FilePart> fileParts) throws IOException {
        Deadline deadline = request.getAttribute(DEADLINE_ATTRIBUTE) instanceof Deadline d ? d : null;
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setSizeMax(fileParts.stream().mapToLong(p -> p.maxBytes() * p.maxFiles()).sum() + FORM_OVERHEAD);
        upload.setFileCountMax(MAX_PARTS);
        Map<String, String> fields = new HashMap<>();
        List<Received> files = new ArrayList<>();
        Path file = null;
        int parts = 0;
        try {
            FileItemInputIterator items = upload.getItemIterator(deadline == null ? request : new TimedRequest(request, deadline.nanoTime()));
            while (items.hasNext()) {
                FileItemInput part = items.next();
                if (++parts > MAX_PARTS) {
                    throw invalidForm("The form has more than " + MAX_PARTS + " parts; send the recording and its fields only.");
                }
                FilePart accepted = fileParts.stream().filter(p -> p.name().equals(part.getFieldName())).findFirst().orElse(null);
                if (accepted != null && files.stream().filter(f -> f.part().equals(accepted.name())).count() < accepted.maxFiles()) {
                    file = Files.createTempFile("voxclone-upload-", ".part");
                    // The part's stream is not closed here: closing it reads the rest of the part, which is exactly what
                    // a refusal must not do. The iterator moves past what is left of a part that was read to its end.
                    try (OutputStream out = Files.newOutputStream(file)) {
                        files.add(new Received(accepted.name(), file,
                                copyAtMost(part.getInputStream(), out, accepted.maxBytes()), part.getName()));
                    }
                    file = null;
                } else {
                    fields.put(String.valueOf(part.getFieldName()), field(part));
                }
            }
            return new MultipartUpload(fileParts.get(0).name(), files, fields);
        } catch (FileUploadFileCountLimitException e) {
            deleteQuietly(file);
            files.forEach(f -> deleteQuietly(f.file()));
            throw invalidForm("The form has more than " + MAX_PARTS + " parts; send the recording and its fields only.");
        } catch (FileUploadSizeException e) {
            deleteQuietly(file);
            files.forEach(f -> deleteQuietly(f.file()));
            long limit = fileParts.get(0).maxBytes();
            throw MediaRejectedException.tooLarge(Math.max(e.getActualSize(), limit + 1), limit);
        } catch (FileUploadException e) {
            deleteQuietly(file);
            files.forEach(f -> deleteQuietly(f.file()));
            throw tooSlow(e) ? tooSlow(deadline)
                    : invalidForm("The request is not a readable multipart/form-data form: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            files.forEach(f -> deleteQuietly(f.file()));
            if (tooSlow(e)) {
                throw tooSlow(deadline);
            }
            throw e;
        }
    }

    private static boolean tooSlow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UploadTooSlow) {
                return true;
            }
        }
        return false;
    }

    private static Problem tooSlow(Deadline deadline) {
        return Problem.of(Response.Status.REQUEST_TIMEOUT, "upload-too-slow", "Upload too slow", "The upload was still "
                + "arriving after " + deadline.seconds() + " s and was stopped. Send it again over a faster connection, or a "
                + "shorter or more compressed recording.").with("maxSeconds", deadline.seconds()).build();
    }

    /** Thrown by the request's stream when bytes arrive after the upload's deadline. */
    static final class UploadTooSlow extends IOException {
        UploadTooSlow() {
            super("the upload's time limit passed");
        }
    }

    /** The request, its body read through a stream that refuses to go on past {@code deadline} ({@link System#nanoTime}). */
    static final class TimedRequest extends HttpServletRequestWrapper {

        private final long deadline;

        TimedRequest(HttpServletRequest request, long deadline) {
            super(request);
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream body = super.getInputStream();
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    int b = body.read();
                    inTime();
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = body.read(buffer, offset, length);
                    inTime();
                    return n;
                }

                private void inTime() throws UploadTooSlow {
                    if (System.nanoTime() - deadline > 0) {
                        throw new UploadTooSlow();
                    }
                }

                @Override
                public boolean isFinished() {
                    return body.isFinished();
                }

                @Override
                public boolean isReady() {
                    return body.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    body.setReadListener(listener);
                }
            };
        }
    }

    private static String field(FileItemInput part) throws IOException {
        byte[] value = part.getInputStream().readNBytes(MAX_FIELD_BYTES + 1);
        if (value.length > MAX_FIELD_BYTES) {
            throw invalidForm("The form field '" + part.getFieldName() + "' is longer than " + MAX_FIELD_BYTES / 1024
                    + " kB; form fields hold short values such as names and settings.");
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static long copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > max) {
                throw MediaRejectedException.tooLarge(total, max);
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private static Problem invalidForm(String detail) {
        return Problem.of(Response.Status.BAD_REQUEST, "invalid-form", "Invalid form", detail).build();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the system removes it eventually
            }
        }
    }

    public boolean hasFile() {
        return file(mainPart).isPresent();
    }

    /** The first (for most forms, the only) file of the main part. */
    public Path file() {
        return file(mainPart).map(Received::file).orElse(null);
    }

    public long size() {
        return file(mainPart).map(Received::size).orElse(0L);
    }

    public String fileName() {
        return file(mainPart).map(Received::fileName).orElse(null);
    }

    /** The first file of the part {@code part}. */
    public Optional<Received> file(String part) {
        return files.stream().filter(f -> f.part().equals(part)).findFirst();
    }

    /** Every file of the main part, in the order of the form. */
    public List<Received> files() {
        return files.stream().filter(f -> f.part().equals(mainPart)).toList();
    }

    public Map<String, String> fields() {
        return fields;
    }

    @Override
    public void close() {
        files.forEach(f -> deleteQuietly(f.file()));
    }
}
