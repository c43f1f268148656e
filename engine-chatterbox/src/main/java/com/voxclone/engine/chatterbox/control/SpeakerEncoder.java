package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs the speech encoder once per voice. The reference is cut before encoding to the seconds the model's language-model
 * prompt was trained on: the original model's graph takes speech tokens and the prompt mel from the first 10 s only
 * (and the language-model prefix from the first 6 s) but its x-vector from the whole clip, whereas the trained PyTorch
 * model used the first 10 s for the x-vector too, so cutting makes all four outputs describe the same 10 s, as in
 * training. Chatterbox Turbo's prompt covers up to 15 s of the reference (its decoder prompt stays within 10 s).
 */
public final class SpeakerEncoder {

    public static final int SAMPLE_RATE = 24_000;
    /** Speech tokens (and so voice conversion's pieces) come from the first 10 s of what the encoder is given. */
    public static final int TOKEN_SECONDS = 10;
    /** Below one speech token (40 ms) the encoder yields nothing; below a second there is no voice to clone. */
    public static final int MIN_SAMPLES = SAMPLE_RATE;

    private final OnnxModels models;
    private final String modelId;

    public SpeakerEncoder(OnnxModels models, String modelId) {
        this.models = models;
        this.modelId = modelId;
    }

    /** The part of the reference the encoder sees. */
    public static float[] trim(float[] audio, int seconds) {
        return audio.length <= seconds * SAMPLE_RATE ? audio : Arrays.copyOf(audio, seconds * SAMPLE_RATE);
    }

    public VoicePrompt encode(float[] audio) throws OrtException {
        float[] clip = trim(audio, models.family().promptSeconds());
        try (OnnxTensor input = OnnxTensor.createTensor(OnnxModels.environment(), FloatBuffer.wrap(clip), new long[] {1, clip.length});
             OrtSession.Result out = models.speechEncoder().run(Map.of("audio_values", input))) {
            OnnxTensor features = (OnnxTensor) out.get("audio_features").orElseThrow();
            long[] featureShape = features.getInfo().getShape();
            return new VoicePrompt(modelId, "fp32", (int) featureShape[1], (int) featureShape[2], floats(features),
                    longs((OnnxTensor) out.get("audio_tokens").orElseThrow()),
                    floats((OnnxTensor) out.get("speaker_embeddings").orElseThrow()),
                    floats((OnnxTensor) out.get("speaker_features").orElseThrow()));
        }
    }

    /** Speech tokens of a clip (used by voice conversion for the source speech). */
    public long[] speechTokens(float[] audio) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(OnnxModels.environment(), FloatBuffer.wrap(audio), new long[] {1, audio.length});
             OrtSession.Result out = models.speechEncoder().run(Map.of("audio_values", input))) {
            return longs((OnnxTensor) out.get("audio_tokens").orElseThrow());
        }
    }

    static float[] floats(OnnxTensor tensor) {
        FloatBuffer b = tensor.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    static long[] longs(OnnxTensor tensor) {
        LongBuffer b = tensor.getLongBuffer();
        long[] out = new long[b.remaining()];
        b.get(out);
        return out;
    }
}
