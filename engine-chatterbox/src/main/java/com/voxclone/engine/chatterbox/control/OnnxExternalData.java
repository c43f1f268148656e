package com.voxclone.engine.chatterbox.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files an ONNX graph keeps tensor data in ({@code external_data} {@code location} of every tensor stored
 * outside the graph), read from the graph itself: in its initializers, in the tensors of node attributes (constants)
 * and in subgraphs and functions. A graph with every weight embedded references none; an export may also put its
 * weights in one file of any name, or in one file per tensor.
 *
 * <p>Reads the protobuf wire format directly (the file is mapped, and only the messages that can hold tensors are
 * walked; weights embedded in the graph are skipped without being read), so that a check needs neither the ONNX
 * schema classes nor a session.
 */
public final class OnnxExternalData {

    /** What each message field holds, for the messages that can lead to a tensor (ONNX's onnx.proto numbering). */
    private enum Kind {
        MODEL, GRAPH, NODE, ATTRIBUTE, SPARSE_TENSOR, FUNCTION, TENSOR, ENTRY;

        Kind child(int field) {
            return switch (this) {
                case MODEL -> field == 7 ? GRAPH : field == 25 ? FUNCTION : null;
                case GRAPH -> field == 1 ? NODE : field == 5 ? TENSOR : field == 15 ? SPARSE_TENSOR : null;
                case NODE -> field == 5 ? ATTRIBUTE : null;
                case ATTRIBUTE -> field == 5 || field == 10 ? TENSOR : field == 6 || field == 11 ? GRAPH
                        : field == 22 || field == 23 ? SPARSE_TENSOR : null;
                case SPARSE_TENSOR -> field == 1 || field == 2 ? TENSOR : null;
                case FUNCTION -> field == 7 ? NODE : field == 11 ? ATTRIBUTE : null;
                case TENSOR -> field == 13 ? ENTRY : null;
                case ENTRY -> null;
            };
        }
    }

    private static final int EXTERNAL = 1;

    private final ByteBuffer buffer;
    private final Set<String> locations = new TreeSet<>();
    private int position;

    private OnnxExternalData(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * The {@code location}s the graph's tensors name, as written in the graph (relative to the graph's folder).
     *
     * @throws IOException when the file cannot be read or is not a protobuf message (not an ONNX graph)
     */
    public static Set<String> locations(Path graph) throws IOException {
        try (FileChannel channel = FileChannel.open(graph, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException("it is larger than 2 GB, more than an ONNX graph file can hold");
            }
            OnnxExternalData reader = new OnnxExternalData(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
            try {
                reader.message((int) size, Kind.MODEL);
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new IOException("it is not an ONNX graph (" + e.getMessage() + ")", e);
            }
            return reader.locations;
        }
    }

    /** Walks the message up to {@code end}; for a tensor, notes the location of its data when it is stored outside. */
    private void message(int end, Kind kind) {
        long dataLocation = 0;
        String location = null;
        while (position < end) {
            long tag = varint();
            int field = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> {
                    long number = varint();
                    if (kind == Kind.TENSOR && field == 14) {
                        dataLocation = number;
                    }
                }
                case 1 -> position = checkedEnd(position + 8L, end);
                case 5 -> position = checkedEnd(position + 4L, end);
                case 2 -> {
                    long length = varint();
                    int fieldEnd = checkedEnd(position + length, end);
                    Kind child = kind.child(field);
                    if (child == Kind.ENTRY) {
                        String[] entry = entry(fieldEnd);
                        if ("location".equals(entry[0])) {
                            location = entry[1];
                        }
                    } else if (child != null) {
                        message(fieldEnd, child);
                    }
                    position = fieldEnd;
                }
                default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " before byte " + position);
            }
        }
        if (position != end) {
            throw new IllegalArgumentException("a field runs past the end of its message at byte " + end);
        }
        if (kind == Kind.TENSOR && dataLocation == EXTERNAL && location != null) {
            locations.add(location);
        }
    }

    /** A key/value entry up to {@code end}: {key, value}, either null when absent. */
    private String[] entry(int end) {
        String[] entry = new String[2];
        while (position < end) {
            long tag = varint();
            int field = (int) (tag >>> 3);
            if ((tag & 7) == 0) {
                varint();
            } else if ((tag & 7) == 2) {
                long length = varint();
                int fieldEnd = checkedEnd(position + length, end);
                if (field == 1 || field == 2) {
                    byte[] text = new byte[fieldEnd - position];
                    buffer.get(position, text);
                    entry[field - 1] = new String(text, StandardCharsets.UTF_8);
                }
                position = fieldEnd;
            } else {
                throw new IllegalArgumentException("wire type " + (tag & 7) + " in an external data entry");
            }
        }
        return entry;
    }

    private int checkedEnd(long fieldEnd, int end) {
        if (fieldEnd < position || fieldEnd > end) {
            throw new IllegalArgumentException("a field runs past the end of its message at byte " + position);
        }
        return (int) fieldEnd;
    }

    private long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buffer.get(position++);
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("a number longer than ten bytes before byte " + position);
    }
}
