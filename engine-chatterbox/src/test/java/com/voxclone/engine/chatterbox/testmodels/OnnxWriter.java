package com.voxclone.engine.chatterbox.testmodels;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes ONNX models (ModelProto) without the protobuf library: just the handful of messages and fields a small
 * graph needs. Initializers above a size threshold go to an external data file beside the model, the way the
 * published Chatterbox graphs keep their weights in {@code X.onnx_data}.
 */
public final class OnnxWriter {

    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT64 = 7;
    public static final int FLOAT16 = 10;

    private static final int OPSET = 17;
    /** ONNX Runtime's own operators (e.g. MatMulNBits for 4-bit weights). */
    public static final String CONTRIB_DOMAIN = "com.microsoft";
    private static final int IR_VERSION = 8;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<Initializer> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private int nodeCount;
    private int constCount;
    private boolean usesContribOps;

    /** Weight bytes, produced when the model is saved so large random tensors never sit in memory all at once. */
    private record Initializer(String name, int dataType, long[] dims, Supplier<byte[]> raw) {
    }

    /** A dimension: either a {@link Long} size or a {@link String} symbolic name. */
    public OnnxWriter input(String name, int elemType, Object... dims) {
        inputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    public OnnxWriter output(String name, int elemType, Object... dims) {
        outputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    /** Adds a node; attributes are given as name/value pairs (Long, Double, long[], float[] or String). */
    public String node(String opType, String[] in, String out, Object... attributes) {
        return node("", opType, in, out, attributes);
    }

    /** A node of ONNX Runtime's contrib domain, with a generated output name. */
    public String contribOp(String opType, String[] in, Object... attributes) {
        usesContribOps = true;
        return node(CONTRIB_DOMAIN, opType, in, opType.toLowerCase() + "_out_" + nodeCount, attributes);
    }

    private String node(String domain, String opType, String[] in, String out, Object... attributes) {
        Proto n = new Proto();
        for (String i : in) {
            n.string(1, i);
        }
        n.string(2, out);
        n.string(3, opType.toLowerCase() + "_" + nodeCount++);
        n.string(4, opType);
        for (int a = 0; a < attributes.length; a += 2) {
            n.message(5, attribute((String) attributes[a], attributes[a + 1]));
        }
        if (!domain.isEmpty()) {
            n.string(7, domain);
        }
        nodes.add(n.bytes());
        return out;
    }

    /** Shorthand for a node whose output name is generated. */
    public String op(String opType, Object... inputsAndAttributes) {
        List<String> in = new ArrayList<>();
        int i = 0;
        while (i < inputsAndAttributes.length && inputsAndAttributes[i] instanceof String s && !s.startsWith("@")) {
            in.add(s);
            i++;
        }
        Object[] attrs = new Object[inputsAndAttributes.length - i];
        for (int a = 0; a < attrs.length; a++) {
            Object v = inputsAndAttributes[i + a];
            attrs[a] = a % 2 == 0 ? ((String) v).substring(1) : v;
        }
        return node(opType, in.toArray(String[]::new), opType.toLowerCase() + "_out_" + nodeCount, attrs);
    }

    public String floats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        byte[] bytes = b.array();
        initializers.add(new Initializer(name, FLOAT, dims, () -> bytes));
        return name;
    }

    /** Uniform random float32 weights in [-scale, scale] from a seeded xorshift generator, made at save time. */
    public String randomFloats(String name, long seed, float scale, long... dims) {
        int n = count(dims);
        initializers.add(new Initializer(name, FLOAT, dims, () -> {
            ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
            long[] x = {seed * 0x9E3779B97F4A7C15L + 1};
            for (int i = 0; i < n; i++) {
                b.putFloat((next24Bits(x) / (float) (1 << 24) * 2 - 1) * scale);
            }
            return b.array();
        }));
        return name;
    }

    public String bytes(String name, byte[] values, long... dims) {
        byte[] copy = values.clone();
        initializers.add(new Initializer(name, UINT8, dims, () -> copy));
        return name;
    }

    /** Uniform random bytes (e.g. packed 4-bit weights) from the same seeded generator, made at save time. */
    public String randomBytes(String name, long seed, long... dims) {
        int n = count(dims);
        initializers.add(new Initializer(name, UINT8, dims, () -> {
            byte[] b = new byte[n];
            long[] x = {seed * 0x9E3779B97F4A7C15L + 1};
            for (int i = 0; i < n; i++) {
                b[i] = (byte) next24Bits(x);
            }
            return b;
        }));
        return name;
    }

    private static int count(long... dims) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        return Math.toIntExact(count);
    }

    /** One xorshift64 step on {@code state[0]}; returns the top 24 bits. */
    private static long next24Bits(long[] state) {
        long x = state[0];
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        state[0] = x;
        return x >>> 40;
    }

    public String longs(String name, long[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        byte[] bytes = b.array();
        initializers.add(new Initializer(name, INT64, dims, () -> bytes));
        return name;
    }

    /** A one-dimensional int64 constant, as used for shapes, axes and indices. */
    public String longs(long... values) {
        return longs("const_" + constCount++, values, values.length);
    }

    /** An int64 scalar constant. */
    public String scalar(long value) {
        return longs("const_" + constCount++, new long[] {value});
    }

    public String scalar(float value) {
        return floats("const_" + constCount++, new float[] {value});
    }

    /**
     * Writes {@code file}; initializers of at least {@code externalThreshold} bytes go to {@code file + "_data"}
     * (pass {@link Integer#MAX_VALUE} to keep everything inline).
     */
    public void save(Path file, int externalThreshold) throws IOException {
        save(file, externalThreshold, file.getFileName() + "_data");
    }

    /** As {@link #save(Path, int)}, with the external data in {@code dataName} (relative to the graph's folder). */
    public void save(Path file, int externalThreshold, String dataName) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path dataFile = file.resolveSibling(dataName);
        Files.createDirectories(dataFile.toAbsolutePath().getParent());
        Files.deleteIfExists(dataFile);
        OutputStream external = null;
        long externalSize = 0;
        Proto graph = new Proto();
        for (byte[] n : nodes) {
            graph.message(1, n);
        }
        graph.string(2, "voxclone_stand_in");
        for (Initializer init : initializers) {
            Proto t = new Proto();
            for (long d : init.dims) {
                t.varint(1, d);
            }
            t.varint(2, init.dataType);
            t.string(8, init.name);
            byte[] raw = init.raw.get();
            if (raw.length >= externalThreshold) {
                if (external == null) {
                    external = new BufferedOutputStream(Files.newOutputStream(dataFile), 1 << 20);
                }
                external.write(raw);
                t.message(13, entry("location", dataName));
                t.message(13, entry("offset", Long.toString(externalSize)));
                t.message(13, entry("length", Long.toString(raw.length)));
                t.varint(14, 1);
                externalSize += raw.length;
            } else {
                t.bytes(9, raw);
            }
            graph.message(5, t.bytes());
        }
        for (byte[] i : inputs) {
            graph.message(11, i);
        }
        for (byte[] o : outputs) {
            graph.message(12, o);
        }
        Proto opset = new Proto();
        opset.string(1, "");
        opset.varint(2, OPSET);
        Proto model = new Proto();
        model.varint(1, IR_VERSION);
        model.string(2, "voxclone-tests");
        model.message(8, opset.bytes());
        if (usesContribOps) {
            Proto contrib = new Proto();
            contrib.string(1, CONTRIB_DOMAIN);
            contrib.varint(2, 1);
            model.message(8, contrib.bytes());
        }
        model.message(7, graph.bytes());
        if (external != null) {
            external.close();
        }
        Files.write(file, model.bytes());
    }

    private static byte[] entry(String key, String value) {
        Proto e = new Proto();
        e.string(1, key);
        e.string(2, value);
        return e.bytes();
    }

    private static byte[] valueInfo(String name, int elemType, Object[] dims) {
        Proto shape = new Proto();
        for (Object d : dims) {
            Proto dim = new Proto();
            if (d instanceof String s) {
                dim.string(2, s);
            } else {
                dim.varint(1, ((Number) d).longValue());
            }
            shape.message(1, dim.bytes());
        }
        Proto tensor = new Proto();
        tensor.varint(1, elemType);
        tensor.message(2, shape.bytes());
        Proto type = new Proto();
        type.message(1, tensor.bytes());
        Proto info = new Proto();
        info.string(1, name);
        info.message(2, type.bytes());
        return info.bytes();
    }

    private static byte[] attribute(String name, Object value) {
        Proto a = new Proto();
        a.string(1, name);
        if (value instanceof Long l) {
            a.varint(3, l);
            a.varint(20, 2);
        } else if (value instanceof Integer i) {
            a.varint(3, i);
            a.varint(20, 2);
        } else if (value instanceof Double d) {
            a.fixed32(2, Float.floatToIntBits(d.floatValue()));
            a.varint(20, 1);
        } else if (value instanceof long[] ints) {
            for (long v : ints) {
                a.varint(8, v);
            }
            a.varint(20, 7);
        } else if (value instanceof String s) {
            a.string(4, s);
            a.varint(20, 3);
        } else {
            throw new IllegalArgumentException("unsupported attribute type " + value.getClass());
        }
        return a.bytes();
    }

    /** Protobuf wire format: varints, fixed32 and length-delimited fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            tag(field, 0);
            rawVarint(out, value);
        }

        void fixed32(int field, int value) {
            tag(field, 5);
            for (int i = 0; i < 4; i++) {
                out.write((value >>> (8 * i)) & 0xff);
            }
        }

        void string(int field, String value) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        void message(int field, byte[] value) {
            bytes(field, value);
        }

        void bytes(int field, byte[] value) {
            tag(field, 2);
            rawVarint(out, value.length);
            out.writeBytes(value);
        }

        private void tag(int field, int wireType) {
            rawVarint(out, ((long) field << 3) | wireType);
        }

        private static void rawVarint(OutputStream out, long value) {
            try {
                while ((value & ~0x7FL) != 0) {
                    out.write((int) ((value & 0x7F) | 0x80));
                    value >>>= 7;
                }
                out.write((int) value);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
