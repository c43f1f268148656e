package com.voxclone.engine.chatterbox.entity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The four speech-encoder outputs for one voice, kept so synthesis never runs the encoder again.
 *
 * <p>Serialised form (big-endian): magic {@code VXCB}, format version, model id, encoder precision, then
 * {@code audio_features} (rows, width, floats), {@code audio_tokens} (count, longs), {@code speaker_embeddings}
 * (count, floats), {@code speaker_features} (frames, floats of 80 each).
 *
 * @param modelId         model release the encoder belongs to
 * @param precision       precision of the encoder that produced it
 * @param featureRows     rows of {@code audio_features} (33 for en/mtl)
 * @param hidden          width of {@code audio_features} (the language model's D)
 * @param audioFeatures   language-model prefix, row-major {@code featureRows x hidden}
 * @param audioTokens     S3 speech tokens of the reference (25 per second)
 * @param speakerEmbedding x-vector (192 values)
 * @param speakerFeatures prompt log-mel, row-major {@code frames x 80}
 */
public record VoicePrompt(String modelId, String precision, int featureRows, int hidden, float[] audioFeatures,
                          long[] audioTokens, float[] speakerEmbedding, float[] speakerFeatures) {

    public static final int FORMAT_VERSION = 1;
    public static final int MEL_BINS = 80;
    private static final int MAGIC = 0x56584342; // "VXCB"

    public VoicePrompt {
        if (audioFeatures.length != featureRows * hidden) {
            throw new IllegalArgumentException("audio features hold " + audioFeatures.length + " values, expected "
                    + featureRows + " x " + hidden);
        }
        if (speakerFeatures.length % MEL_BINS != 0) {
            throw new IllegalArgumentException("speaker features must be a multiple of 80 values, were " + speakerFeatures.length);
        }
    }

    public int featureFrames() {
        return speakerFeatures.length / MEL_BINS;
    }

    /**
     * The voice with its decoder prompt cut to the first {@code maxTokens} speech tokens and the matching mel frames
     * (two per token), as the decoder needs them aligned; the language-model prefix and x-vector are unchanged.
     * Returns this voice when it is not longer than that.
     */
    public VoicePrompt withDecoderPromptOf(int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("the decoder prompt needs at least one token, was " + maxTokens);
        }
        if (audioTokens.length <= maxTokens) {
            return this;
        }
        int frames = Math.min(featureFrames(), 2 * maxTokens);
        return new VoicePrompt(modelId, precision, featureRows, hidden, audioFeatures, Arrays.copyOf(audioTokens, maxTokens),
                speakerEmbedding, Arrays.copyOf(speakerFeatures, frames * MEL_BINS));
    }

    /** The conditioning format name stored next to the bytes; a different model needs a new enrolment. */
    public static String formatName(String modelId) {
        return "chatterbox-voice/" + FORMAT_VERSION + " " + modelId;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(FORMAT_VERSION);
            out.writeUTF(modelId);
            out.writeUTF(precision);
            out.writeInt(featureRows);
            out.writeInt(hidden);
            writeFloats(out, audioFeatures);
            out.writeInt(audioTokens.length);
            for (long t : audioTokens) {
                out.writeLong(t);
            }
            out.writeInt(speakerEmbedding.length);
            writeFloats(out, speakerEmbedding);
            out.writeInt(featureFrames());
            writeFloats(out, speakerFeatures);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise voice prompt", e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@link #toBytes()}; throws {@link IllegalArgumentException} naming what is wrong with the data. */
    public static VoicePrompt fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not Chatterbox voice conditioning (wrong header)");
            }
            int version = in.readUnsignedShort();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("voice conditioning format " + version + " is not supported (expected "
                        + FORMAT_VERSION + "); enrol the voice again");
            }
            String modelId = in.readUTF();
            String precision = in.readUTF();
            int rows = in.readInt();
            int hidden = in.readInt();
            float[] features = readFloats(in, checkedCount((long) rows * hidden, data.length));
            long[] tokens = new long[checkedCount(in.readInt(), data.length)];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = in.readLong();
            }
            float[] embedding = readFloats(in, checkedCount(in.readInt(), data.length));
            float[] mel = readFloats(in, checkedCount((long) in.readInt() * MEL_BINS, data.length));
            return new VoicePrompt(modelId, precision, rows, hidden, features, tokens, embedding, mel);
        } catch (IOException e) {
            throw new IllegalArgumentException("voice conditioning is truncated or corrupt; enrol the voice again", e);
        }
    }

    private static int checkedCount(long count, int available) {
        if (count < 0 || count > available) {
            throw new IllegalArgumentException("voice conditioning is corrupt (impossible length " + count + "); enrol the voice again");
        }
        return (int) count;
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VoicePrompt p && p.modelId.equals(modelId) && p.precision.equals(precision)
                && p.featureRows == featureRows && p.hidden == hidden && Arrays.equals(p.audioFeatures, audioFeatures)
                && Arrays.equals(p.audioTokens, audioTokens) && Arrays.equals(p.speakerEmbedding, speakerEmbedding)
                && Arrays.equals(p.speakerFeatures, speakerFeatures);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(audioTokens) * 31 + Arrays.hashCode(audioFeatures);
    }

    @Override
    public String toString() {
        return "VoicePrompt[" + modelId + ", " + audioTokens.length + " tokens, " + featureFrames() + " mel frames]";
    }
}
