package com.voxclone.audio.boundary;

import jakarta.ws.rs.core.EntityPart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A multipart form with one file: the file is streamed to a temporary file and cut off at the size limit (the
 * heap never holds it); the other fields are read as text. Close it to delete the temporary file.
 */
public final class MultipartUpload implements AutoCloseable {

    /** Form fields are short; anything longer is not a field we know. */
    private static final int MAX_FIELD_BYTES = 64 * 1024;

    private final Path file;
    private final long size;
    private final String fileName;
    private final Map<String, String> fields;

    private MultipartUpload(Path file, long size, String fileName, Map<String, String> fields) {
        this.file = file;
        this.size = size;
        this.fileName = fileName;
        this.fields = fields;
    }

    public static MultipartUpload receive(List<EntityPart> parts, String filePart, long maxBytes) throws IOException {
        Map<String, String> fields = new HashMap<>();
        Path file = null;
        long size = 0;
        String fileName = null;
        try {
            for (EntityPart part : parts) {
                if (part.getName().equals(filePart) && file == null) {
                    file = Files.createTempFile("voxclone-upload-", ".part");
                    fileName = part.getFileName().orElse(null);
                    try (InputStream in = part.getContent(); OutputStream out = Files.newOutputStream(file)) {
                        size = copyAtMost(in, out, maxBytes);
                    }
                } else {
                    try (InputStream in = part.getContent()) {
                        byte[] value = in.readNBytes(MAX_FIELD_BYTES);
                        fields.put(part.getName(), new String(value, StandardCharsets.UTF_8));
                    }
                }
            }
            return new MultipartUpload(file, size, fileName, fields);
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
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

    public boolean hasFile() {
        return file != null;
    }

    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    public String fileName() {
        return fileName;
    }

    public Map<String, String> fields() {
        return fields;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
