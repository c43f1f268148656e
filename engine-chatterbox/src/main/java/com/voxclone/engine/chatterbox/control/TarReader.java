package com.voxclone.engine.chatterbox.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Extracts regular files and folders from a POSIX (ustar), GNU or pax tar stream; links and devices are skipped.
 * Enough for model archives without pulling in a compression library.
 */
final class TarReader {

    private static final int BLOCK = 512;

    private TarReader() {
    }

    static void extract(InputStream in, Path into) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (readFully(in, header)) {
            if (isZero(header)) {
                return;
            }
            String name = longName != null ? longName : name(header);
            longName = null;
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            if (type == 'L') {
                longName = new String(readBytes(in, size), StandardCharsets.UTF_8).replace("\0", "");
            } else if (type == 'x') {
                longName = paxPath(new String(readBytes(in, size), StandardCharsets.UTF_8));
            } else if (type == '0' || type == '\0') {
                Path target = safeResolve(into, name);
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    copy(in, out, size);
                }
            } else if (type == '5') {
                Files.createDirectories(safeResolve(into, name));
            } else {
                skip(in, size);
            }
        }
    }

    /** Resolves an archive entry name inside {@code into}, refusing names that would escape it. */
    static Path safeResolve(Path into, String name) throws IOException {
        Path target = into.resolve(name).normalize();
        if (!target.startsWith(into.normalize())) {
            throw new IOException("Archive entry '" + name + "' points outside the target folder; refusing to install it");
        }
        return target;
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        boolean ustar = text(header, 257, 6).startsWith("ustar");
        return ustar && !prefix.isEmpty() ? prefix + "/" + name : name;
    }

    private static String paxPath(String records) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 6);
            }
        }
        return null;
    }

    private static String text(byte[] b, int from, int length) {
        int end = from;
        while (end < from + length && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.UTF_8).trim();
    }

    private static long octal(byte[] b, int from, int length) {
        String digits = text(b, from, length);
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, block.length);
        if (read == 0) {
            return false;
        }
        if (read < block.length) {
            throw new IOException("tar archive is truncated");
        }
        return true;
    }

    private static byte[] readBytes(InputStream in, long size) throws IOException {
        byte[] data = in.readNBytes((int) size);
        skipPadding(in, size);
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("tar archive is truncated");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        skipPadding(in, size);
    }

    private static void skip(InputStream in, long size) throws IOException {
        in.skipNBytes(size);
        skipPadding(in, size);
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long pad = (BLOCK - size % BLOCK) % BLOCK;
        in.skipNBytes(pad);
    }
}
