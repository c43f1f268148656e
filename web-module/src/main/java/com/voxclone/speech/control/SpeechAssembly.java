package com.voxclone.speech.control;

import com.voxclone.audio.boundary.AudioOutput;
import com.voxclone.audio.boundary.TempoChanger;
import com.voxclone.audio.entity.PcmAudio;
import java.io.IOException;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Puts the pieces of one text together into one output, in order, as they come: joined with even loudness and short
 * cross-fades, then played at the requested tempo (pitch unchanged), then watermarked (last, so that nothing changes
 * its timing afterwards), then encoded.
 */
public final class SpeechAssembly {

    private SpeechAssembly() {
    }

    /**
     * Writes {@code first} and every following piece to {@code out}; stops (and stops the pieces) when writing fails,
     * e.g. because the listener went away.
     *
     * @return the length of the audio written, in milliseconds
     */
    public static long write(PcmAudio first, PieceSynthesis.Pieces pieces, double tempo, AudioOutput out) throws IOException {
        return write(first, pieces, tempo, out, done -> { });
    }

    /** Like {@link #write(PcmAudio, PieceSynthesis.Pieces, double, AudioOutput)}, telling how many pieces are written. */
    public static long write(PcmAudio first, PieceSynthesis.Pieces pieces, double tempo, AudioOutput out,
                             IntConsumer piecesWritten) throws IOException {
        AudioOutput marked = pieces.marked(out);
        int rate = first.sampleRate();
        int written = 0;
        PieceJoiner joiner = new PieceJoiner(rate);
        TempoChanger changer = new TempoChanger(rate, tempo);
        long samples = 0;
        try (pieces) {
            Optional<PcmAudio> piece = Optional.of(first);
            while (piece.isPresent()) {
                samples += emit(changer.push(joiner.add(piece.get().samples())), rate, marked);
                piecesWritten.accept(++written);
                piece = pieces.next();
            }
            samples += emit(changer.push(joiner.finish()), rate, marked);
            samples += emit(changer.finish(), rate, marked);
        }
        marked.close();
        return samples * 1000 / rate;
    }

    private static int emit(float[] samples, int rate, AudioOutput out) throws IOException {
        if (samples.length > 0) {
            out.write(new PcmAudio(samples, rate));
        }
        return samples.length;
    }
}
