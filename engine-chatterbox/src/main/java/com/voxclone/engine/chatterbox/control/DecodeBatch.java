package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.voxclone.engine.chatterbox.entity.LanguageModelShape;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Language-model steps for the requests generating at once: each step feeds every request's pending token through
 * the embeddings and the language model as one batch, then samples each request's next token from its own rows.
 *
 * <p>The requests' key/value caches live side by side in one tensor per layer, each request's rows right-aligned and
 * the shorter ones padded on the left; the attention mask hides the padding. Within a stable batch each step's
 * presents go straight back in as the next step's pasts. Requests join and leave at token boundaries; now and then
 * (see {@link #settle()}) the caches are copied into a new layout, without the rows of ended requests and without
 * the padding no remaining request needs. A request's guidance pair stays in adjacent rows.
 *
 * <p>The original model's language model takes no position ids: with rotary positions, a constant shift per row does
 * not change attention, and graphs that count positions from the mask see the true ones. Turbo's takes them, and
 * each row gets its own.
 */
final class DecodeBatch implements AutoCloseable {

    private final OnnxModels models;
    private final OrtEnvironment env = OnnxModels.environment();
    private final LanguageModelShape shape;
    private final boolean turbo;
    private final int elementBytes;

    /** Requests in the order their rows are laid out in {@link #keys}/{@link #values}. */
    private final List<GenerationSequence> laidOut = new ArrayList<>();
    /** Prefilled requests waiting for the next token boundary, with their own caches. */
    private final Map<GenerationSequence, OrtSession.Result> arriving = new LinkedHashMap<>();
    private OnnxTensor[] keys;
    private OnnxTensor[] values;
    /** What owns {@link #keys}/{@link #values}: the last run's result, or the tensors of a new layout. */
    private final List<AutoCloseable> cacheOwners = new ArrayList<>();
    /** Positions per row in the cache, padding included. */
    private long width;
    /** Ended requests already reported by {@link #settle()} whose rows are still laid out. */
    private final Set<GenerationSequence> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    private int stepsSinceLayout;

    /** Arrivals wait at most this many steps to join a busy batch. */
    static final int MAX_JOIN_WAIT_STEPS = 32;

    DecodeBatch(OnnxModels models) {
        this.models = models;
        this.shape = models.shape();
        this.turbo = models.family() == ModelFamily.TURBO;
        this.elementBytes = shape.halfCache() ? 2 : 4;
    }

    /** Takes a prefilled request (its cache in the prefill's presents) in at the next {@link #settle()}. */
    void join(GenerationSequence sequence, OrtSession.Result prefill) {
        arriving.put(sequence, prefill);
    }

    /** Requests whose rows the next step runs for. */
    int stepping() {
        return (int) laidOut.stream().filter(s -> !s.ended()).count();
    }

    boolean isEmpty() {
        return laidOut.isEmpty() && arriving.isEmpty();
    }

    /** Key/value bytes for one position of one row. */
    long bytesPerPosition() {
        return 2L * shape.layers() * shape.heads() * shape.headDim() * elementBytes;
    }

    /**
     * At a token boundary: reports the requests that ended since the last call, and lays the caches out again when it
     * pays. A re-layout copies every live request's cache, about as much work as a step of a large batch, so it is
     * not done for each join and leave: arrivals join a busy batch once they number at least half of it, or after
     * {@value #MAX_JOIN_WAIT_STEPS} steps, and the rows of ended requests run along unused until they outnumber the
     * live ones or the next join. While requests arrive faster than one per {@value #MAX_JOIN_WAIT_STEPS} steps, each
     * cache is copied a few times on average however large the batch grows.
     */
    List<GenerationSequence> settle() {
        List<GenerationSequence> ended = new ArrayList<>();
        int live = 0;
        int liveRows = 0;
        int deadRows = 0;
        for (GenerationSequence s : laidOut) {
            if (!s.ended()) {
                live++;
                liveRows += s.rows;
            } else {
                deadRows += s.rows;
                report(s, ended);
            }
        }
        int arrivals = 0;
        for (GenerationSequence s : arriving.keySet()) {
            if (!s.ended()) {
                arrivals++;
            } else {
                report(s, ended);
            }
        }
        boolean joinNow = arrivals > 0 && (arrivals * 2 >= live || stepsSinceLayout >= MAX_JOIN_WAIT_STEPS);
        boolean due = liveRows == 0 ? !isEmpty() : joinNow || deadRows > liveRows;
        if (due) {
            layOut();
        }
        return ended;
    }

    /** An ended request is reported once, though its rows may stay laid out for a while. */
    private void report(GenerationSequence s, List<GenerationSequence> ended) {
        if (reported.add(s)) {
            ended.add(s);
        }
    }

    /** Drops the ended requests' rows and takes the arrivals in. */
    private void layOut() {
        List<GenerationSequence> staying = laidOut.stream().filter(s -> !s.ended()).toList();
        Map<GenerationSequence, OrtSession.Result> joining = new LinkedHashMap<>();
        arriving.forEach((s, prefill) -> {
            if (s.ended()) {
                prefill.close();
            } else {
                joining.put(s, prefill);
            }
        });
        arriving.clear();
        try {
            if (staying.isEmpty() && joining.isEmpty()) {
                clear();
            } else if (staying.isEmpty() && joining.size() == 1) {
                adopt(joining.keySet().iterator().next(), joining.values().iterator().next());
            } else {
                relayout(staying, joining);
                joining.values().forEach(OrtSession.Result::close);
            }
        } catch (OrtException e) {
            joining.values().forEach(OrtSession.Result::close);
            throw new IllegalStateException("the key/value caches of a batch could not be laid out: " + e.getMessage(), e);
        }
        laidOut.clear();
        laidOut.addAll(staying);
        laidOut.addAll(joining.keySet());
        reported.clear();
        stepsSinceLayout = 0;
    }

    /** A request alone: its prefill's presents are the cache as they are. */
    private void adopt(GenerationSequence sequence, OrtSession.Result prefill) {
        releaseCache();
        keys = new OnnxTensor[shape.layers()];
        values = new OnnxTensor[shape.layers()];
        for (int layer = 0; layer < shape.layers(); layer++) {
            keys[layer] = (OnnxTensor) prefill.get(LanguageModelShape.presentKey(layer)).orElseThrow();
            values[layer] = (OnnxTensor) prefill.get(LanguageModelShape.presentValue(layer)).orElseThrow();
        }
        cacheOwners.add(prefill);
        width = sequence.length();
    }

    /** Copies the staying and joining requests' caches into a new layout, right-aligned to the longest of them. */
    private void relayout(List<GenerationSequence> staying, Map<GenerationSequence, OrtSession.Result> joining) throws OrtException {
        List<GenerationSequence> order = new ArrayList<>(staying);
        order.addAll(joining.keySet());
        long newWidth = order.stream().mapToLong(GenerationSequence::length).max().orElse(0);
        int newRows = order.stream().mapToInt(s -> s.rows).sum();
        Map<GenerationSequence, Integer> oldRow = new HashMap<>();
        int row = 0;
        for (GenerationSequence s : laidOut) {
            oldRow.put(s, row);
            row += s.rows;
        }
        OnnxTensor[] newKeys = new OnnxTensor[shape.layers()];
        OnnxTensor[] newValues = new OnnxTensor[shape.layers()];
        List<AutoCloseable> owners = new ArrayList<>();
        try {
            for (int layer = 0; layer < shape.layers(); layer++) {
                for (boolean key : new boolean[] {true, false}) {
                    ByteBuffer out = ByteBuffer.allocateDirect(Math.toIntExact(newRows * newWidth * shape.heads() * shape.headDim() * elementBytes))
                            .order(ByteOrder.nativeOrder());
                    int to = 0;
                    if (!staying.isEmpty()) {
                        ByteBuffer old = (key ? keys : values)[layer].getByteBuffer();
                        for (GenerationSequence s : staying) {
                            copyRows(old, oldRow.get(s), width, out, to, newWidth, s);
                            to += s.rows;
                        }
                    }
                    for (Map.Entry<GenerationSequence, OrtSession.Result> j : joining.entrySet()) {
                        String name = key ? LanguageModelShape.presentKey(layer) : LanguageModelShape.presentValue(layer);
                        ByteBuffer own = ((OnnxTensor) j.getValue().get(name).orElseThrow()).getByteBuffer();
                        copyRows(own, 0, j.getKey().length(), out, to, newWidth, j.getKey());
                        to += j.getKey().rows;
                    }
                    OnnxTensor tensor = OnnxTensor.createTensor(env, out, new long[] {newRows, shape.heads(), newWidth, shape.headDim()},
                            shape.halfCache() ? OnnxJavaType.FLOAT16 : OnnxJavaType.FLOAT);
                    owners.add(tensor);
                    (key ? newKeys : newValues)[layer] = tensor;
                }
            }
        } catch (OrtException | RuntimeException e) {
            owners.forEach(DecodeBatch::closeQuietly);
            throw e;
        }
        releaseCache();
        keys = newKeys;
        values = newValues;
        cacheOwners.addAll(owners);
        width = newWidth;
    }

    /** One request's rows: its last {@code length} positions of each head, right-aligned in the new layout. */
    private void copyRows(ByteBuffer from, int fromRow, long fromWidth, ByteBuffer to, int toRow, long toWidth, GenerationSequence s) {
        int position = shape.headDim() * elementBytes;
        int span = Math.toIntExact(s.length() * position);
        for (int r = 0; r < s.rows; r++) {
            for (int h = 0; h < shape.heads(); h++) {
                long source = (((long) (fromRow + r) * shape.heads() + h) * fromWidth + (fromWidth - s.length())) * position;
                long target = (((long) (toRow + r) * shape.heads() + h) * toWidth + (toWidth - s.length())) * position;
                to.put(Math.toIntExact(target), from, Math.toIntExact(source), span);
            }
        }
    }

    /**
     * One step: every request's pending token through the embeddings and the language model at once, then each
     * request samples from its own rows. A request whose sampling or listener fails ends with that failure alone.
     */
    void step() throws OrtException {
        int rows = laidOut.stream().mapToInt(s -> s.rows).sum();
        long[] ids = new long[rows];
        long[] speechPositions = new long[rows];
        long[] positions = new long[rows];
        float[] exaggeration = new float[rows];
        long[] mask = new long[Math.toIntExact(rows * (width + 1))];
        int row = 0;
        for (GenerationSequence s : laidOut) {
            for (int r = 0; r < s.rows; r++, row++) {
                ids[row] = s.pending();
                speechPositions[row] = s.speechPosition();
                positions[row] = s.length();
                exaggeration[row] = s.exaggeration;
                // Padding on the left is masked; the request's own positions and the new one are seen.
                Arrays.fill(mask, Math.toIntExact(row * (width + 1) + (width - s.length())), Math.toIntExact((row + 1) * (width + 1)), 1L);
            }
        }
        long[] column = {rows, 1};
        OrtSession.Result result;
        try (OrtSession.Result embedded = embed(ids, speechPositions, exaggeration, column);
             OnnxTensor maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {rows, width + 1});
             OnnxTensor positionTensor = turbo ? OnnxTensor.createTensor(env, LongBuffer.wrap(positions), column) : null) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("inputs_embeds", (OnnxTensor) embedded.get("inputs_embeds").orElseThrow());
            inputs.put("attention_mask", maskTensor);
            if (positionTensor != null) {
                inputs.put("position_ids", positionTensor);
            }
            for (int layer = 0; layer < shape.layers(); layer++) {
                inputs.put(LanguageModelShape.pastKey(layer), keys[layer]);
                inputs.put(LanguageModelShape.pastValue(layer), values[layer]);
            }
            result = models.languageModel().run(inputs);
        }
        releaseCache();
        cacheOwners.add(result);
        for (int layer = 0; layer < shape.layers(); layer++) {
            keys[layer] = (OnnxTensor) result.get(LanguageModelShape.presentKey(layer)).orElseThrow();
            values[layer] = (OnnxTensor) result.get(LanguageModelShape.presentValue(layer)).orElseThrow();
        }
        width++;
        float[][] logits = SpeechTokenGenerator.lastLogits((OnnxTensor) result.get("logits").orElseThrow(), rows);
        stepsSinceLayout++;
        row = 0;
        for (GenerationSequence s : laidOut) {
            if (s.ended()) {
                // An ended request's rows ran along unused until the next re-layout.
                row += s.rows;
                continue;
            }
            try {
                s.accept(s.length() + 1, logits[row], s.rows == 2 ? logits[row + 1] : null);
            } catch (OrtException | RuntimeException e) {
                s.fail(e);
            }
            row += s.rows;
        }
    }

    private OrtSession.Result embed(long[] ids, long[] speechPositions, float[] exaggeration, long[] column) throws OrtException {
        try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), column)) {
            if (turbo) {
                return models.embedTokens().run(Map.of("input_ids", idTensor));
            }
            try (OnnxTensor positionTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(speechPositions), column);
                 OnnxTensor exaggerationTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(exaggeration), new long[] {column[0]})) {
                return models.embedTokens().run(Map.of("input_ids", idTensor, "position_ids", positionTensor, "exaggeration", exaggerationTensor));
            }
        }
    }

    private void releaseCache() {
        cacheOwners.forEach(DecodeBatch::closeQuietly);
        cacheOwners.clear();
    }

    /** Drops every request and cache (after a failed step, or on shutdown). */
    void clear() {
        arriving.values().forEach(OrtSession.Result::close);
        arriving.clear();
        laidOut.clear();
        reported.clear();
        releaseCache();
        keys = null;
        values = null;
        width = 0;
    }

    @Override
    public void close() {
        clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing an ONNX Runtime value failed", e);
        }
    }
}
