package com.voxclone.engine.chatterbox.control;

import com.voxclone.audio.boundary.TempoChanger;
import com.voxclone.audio.entity.AudioChunk;
import com.voxclone.audio.entity.PcmAudio;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The speaking-rate setting for engines whose model has no rate control: the chunks they stream are played faster or
 * slower without changing the voice's pitch, and passed on as they become final (numbered afresh; the last one marked).
 */
public final class TempoAdjustedStream implements Consumer<AudioChunk> {

    private final Consumer<AudioChunk> sink;
    private final TempoChanger changer;
    private int sequence;

    private TempoAdjustedStream(Consumer<AudioChunk> sink, double speed) {
        this.sink = sink;
        this.changer = new TempoChanger(PcmAudio.MODEL_RATE, speed);
    }

    /** {@code sink} itself at speed 1, otherwise a stream that changes the tempo before passing chunks on. */
    public static Consumer<AudioChunk> of(Consumer<AudioChunk> sink, double speed) {
        return speed == 1.0 ? sink : new TempoAdjustedStream(sink, speed);
    }

    @Override
    public void accept(AudioChunk chunk) {
        float[] out = changer.push(chunk.audio().samples());
        if (chunk.last()) {
            float[] rest = changer.finish();
            float[] all = Arrays.copyOf(out, out.length + rest.length);
            System.arraycopy(rest, 0, all, out.length, rest.length);
            sink.accept(new AudioChunk(sequence++, new PcmAudio(all, PcmAudio.MODEL_RATE), true));
        } else if (out.length > 0) {
            sink.accept(new AudioChunk(sequence++, new PcmAudio(out, PcmAudio.MODEL_RATE), false));
        }
    }
}
