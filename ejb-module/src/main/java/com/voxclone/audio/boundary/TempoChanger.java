package com.voxclone.audio.boundary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Changes the tempo of speech without changing its pitch (WSOLA: waveform-similarity overlap-add), on a stream: audio
 * goes in piece by piece and comes out as soon as it is final, so engines without a rate control of their own can
 * honour the speaking-rate setting while streaming.
 *
 * <p>Frames of {@value #FRAME_MS} ms are laid down every half frame with a Hann window (which sums to one at this
 * overlap). Each frame is taken from the input near where the tempo says it should be, shifted by up to
 * {@value #TOLERANCE_MS} ms to where it best continues the previous frame, so periods line up and nothing clicks.
 */
public final class TempoChanger {

    static final int FRAME_MS = 30;
    static final int TOLERANCE_MS = 6;

    private final double speed;
    private final int frame;
    private final int hop;
    private final int tolerance;
    private final float[] window;

    private float[] input = new float[0];
    /** Absolute input position of {@code input[0]}. */
    private long inputStart;
    private long inputEnd;
    /** Output being overlap-added: {@code pending[0]} is the next sample to hand out. */
    private float[] pending;
    private long frames;
    /** Samples handed out so far: the stream ends at exactly the input's length divided by the speed. */
    private long produced;
    /** Input position right after the previous frame's chosen start plus one hop: what would continue it naturally. */
    private long continuation = -1;

    /**
     * @param sampleRate samples per second
     * @param speed      1 keeps the tempo, 2 is twice as fast, 0.5 half as fast
     */
    public TempoChanger(int sampleRate, double speed) {
        if (!(speed > 0.1 && speed < 10)) {
            throw new IllegalArgumentException("speed must be between 0.1 and 10, was " + speed);
        }
        this.speed = speed;
        this.frame = 2 * Math.max(1, sampleRate * FRAME_MS / 2000);
        this.hop = frame / 2;
        this.tolerance = sampleRate * TOLERANCE_MS / 1000;
        this.window = new float[frame];
        for (int i = 0; i < frame; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame));
        }
        this.pending = new float[frame];
    }

    public boolean changesAnything() {
        return speed != 1.0;
    }

    /** Takes the next piece of input; answers the output that is now final (possibly none). */
    public float[] push(float[] samples) {
        if (!changesAnything()) {
            return samples.clone();
        }
        append(samples);
        return render(false);
    }

    /** The end of the input: answers what is left. */
    public float[] finish() {
        if (!changesAnything()) {
            return new float[0];
        }
        return render(true);
    }

    private float[] render(boolean last) {
        List<float[]> out = new ArrayList<>();
        while (true) {
            long nominal = Math.round(frames * hop * speed);
            long from = Math.max(inputStart, Math.max(0, nominal - tolerance));
            long to = nominal + tolerance;
            // Enough input for every candidate, and for the continuation it is compared with.
            boolean complete = to + frame <= inputEnd && (continuation < 0 || continuation + frame <= inputEnd);
            if (!complete && !(last && nominal < inputEnd)) {
                break;
            }
            long start = complete ? bestStart(from, to) : Math.min(nominal, inputEnd - 1);
            overlapAdd(start);
            out.add(Arrays.copyOf(pending, hop));
            pending = Arrays.copyOfRange(pending, hop, hop + frame);
            continuation = start + hop;
            frames++;
            forgetBefore(Math.min(Math.round(frames * hop * speed) - tolerance, continuation));
        }
        if (last) {
            // The second half of the final frame: it has no next frame to overlap with.
            out.add(Arrays.copyOf(pending, hop));
            pending = new float[frame];
        }
        float[] result = new float[out.size() * hop];
        for (int i = 0; i < out.size(); i++) {
            System.arraycopy(out.get(i), 0, result, i * hop, hop);
        }
        if (last) {
            long target = Math.round(inputEnd / speed);
            result = Arrays.copyOf(result, (int) Math.max(0, Math.min(result.length, target - produced)));
        }
        produced += result.length;
        return result;
    }

    /** The start in [from, to] whose frame best matches the natural continuation of the previous one. */
    private long bestStart(long from, long to) {
        if (continuation < 0) {
            return Math.max(from, Math.min(to, Math.round(frames * hop * speed)));
        }
        int reference = (int) (continuation - inputStart);
        long best = from;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (long candidate = from; candidate <= to; candidate++) {
            int c = (int) (candidate - inputStart);
            double dot = 0;
            double energy = 1e-9;
            // Every other sample is enough to find the alignment, at half the cost.
            for (int i = 0; i < frame; i += 2) {
                float x = input[c + i];
                dot += x * input[reference + i];
                energy += x * x;
            }
            double score = dot / Math.sqrt(energy);
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }

    private void overlapAdd(long start) {
        int s = (int) (start - inputStart);
        for (int i = 0; i < frame; i++) {
            int at = s + i;
            float x = at < input.length ? input[at] : 0f;
            pending[i] += x * window[i];
        }
    }

    private void append(float[] samples) {
        int kept = (int) (inputEnd - inputStart);
        float[] grown = Arrays.copyOf(input, kept + samples.length);
        System.arraycopy(samples, 0, grown, kept, samples.length);
        input = grown;
        inputEnd += samples.length;
    }

    private void forgetBefore(long position) {
        long drop = Math.min(position, inputEnd) - inputStart;
        if (drop > 0) {
            input = Arrays.copyOfRange(input, (int) drop, input.length);
            inputStart += drop;
        }
    }
}
