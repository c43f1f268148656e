package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.voxclone.engine.chatterbox.entity.LanguageModelShape;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The language model's key/value cache over a voice's prefix rows, kept for the voices spoken most recently. The
 * language model is causal and the voice comes first, so these positions are the same for every request of a voice:
 * a request then runs only its text through the prefill. That matters most for Chatterbox Turbo, whose prefix is a
 * row per 40 ms of up to 15 s of reference (376 rows) against a few dozen of text.
 *
 * <p>Entries are counted while requests use them and closed only when evicted and no longer used.
 */
final class VoicePrefixCache implements AutoCloseable {

    /** The language model's work over the prefix, for one voice and batch width. */
    interface PrefixRun {
        OrtSession.Result run() throws OrtException;
    }

    /** A cached prefix in use; hand it back with {@link #release}. */
    static final class Prefix {
        private final float[] features;
        private final int rows;
        private final OrtSession.Result result;
        private int users;
        private boolean evicted;

        private Prefix(float[] features, int rows, OrtSession.Result result) {
            this.features = features;
            this.rows = rows;
            this.result = result;
        }

        OnnxTensor key(int layer) {
            return (OnnxTensor) result.get(LanguageModelShape.presentKey(layer)).orElseThrow();
        }

        OnnxTensor value(int layer) {
            return (OnnxTensor) result.get(LanguageModelShape.presentValue(layer)).orElseThrow();
        }
    }

    private record Key(int hash, int rows) {
    }

    private final int capacity;
    private final LinkedHashMap<Key, Prefix> entries = new LinkedHashMap<>(16, 0.75f, true);

    VoicePrefixCache(int capacity) {
        this.capacity = capacity;
    }

    /** The prefix cache of these voice rows in {@code rows} batch rows, run now if no request has it. */
    Prefix acquire(float[] features, int rows, PrefixRun run) throws OrtException {
        Key key = new Key(Arrays.hashCode(features), rows);
        synchronized (this) {
            Prefix cached = entries.get(key);
            if (cached != null && Arrays.equals(cached.features, features)) {
                cached.users++;
                return cached;
            }
        }
        Prefix made = new Prefix(features, rows, run.run());
        synchronized (this) {
            made.users++;
            Prefix old = entries.put(key, made);
            if (old != null) {
                retire(old);
            }
            Iterator<Map.Entry<Key, Prefix>> eldest = entries.entrySet().iterator();
            while (entries.size() > capacity && eldest.hasNext()) {
                Prefix p = eldest.next().getValue();
                eldest.remove();
                retire(p);
            }
        }
        return made;
    }

    synchronized void release(Prefix prefix) {
        prefix.users--;
        if (prefix.evicted && prefix.users == 0) {
            prefix.result.close();
        }
    }

    private void retire(Prefix prefix) {
        prefix.evicted = true;
        if (prefix.users == 0) {
            prefix.result.close();
        }
    }

    @Override
    public synchronized void close() {
        entries.values().forEach(this::retire);
        entries.clear();
    }
}
