package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

/**
 * Speech tokens to 24 kHz audio with the conditional decoder. The voice's own tokens go first: the graph needs the
 * prompt to condition on and cuts the prompt's audio off itself. Only the first {@code promptTokens} of the voice
 * (with their mel frames) are given, since each call's work grows with the prompt.
 *
 * <p>The graph takes a batch: calls whose inputs have the same shapes ({@link Input#fits}), of one voice or of
 * several, can go through it as one call, row by row ({@link #decode(List)}).
 */
public final class SpeechDecoder {

    /**
     * One call's inputs: the voice's prompt tokens followed by the tokens to speak, the voice's x-vector, and the
     * prompt's mel frames.
     */
    public record Input(long[] speechTokens, float[] speakerEmbedding, float[] speakerFeatures, int featureFrames) {

        /** Whether the two can share one call: the same number of tokens, of mel frames and of embedding values. */
        public boolean fits(Input other) {
            return speechTokens.length == other.speechTokens.length && featureFrames == other.featureFrames
                    && speakerEmbedding.length == other.speakerEmbedding.length;
        }
    }

    private final OnnxModels models;
    private final int promptTokens;

    public SpeechDecoder(OnnxModels models, int promptTokens) {
        this.models = models;
        this.promptTokens = promptTokens;
    }

    public Input input(VoicePrompt wholeVoice, long[] tokens) {
        VoicePrompt voice = wholeVoice.withDecoderPromptOf(promptTokens);
        long[] all = new long[voice.audioTokens().length + tokens.length];
        System.arraycopy(voice.audioTokens(), 0, all, 0, voice.audioTokens().length);
        System.arraycopy(tokens, 0, all, voice.audioTokens().length, tokens.length);
        return new Input(all, voice.speakerEmbedding(), voice.speakerFeatures(), voice.featureFrames());
    }

    /** One graph call for rows that all {@link Input#fits fit} the first; returns each row's samples. */
    public float[][] decode(List<Input> rows) throws OrtException {
        Input first = rows.get(0);
        for (Input row : rows) {
            if (!row.fits(first)) {
                throw new IllegalArgumentException("decoder rows of different shapes cannot share a call");
            }
        }
        int n = rows.size();
        LongBuffer tokens = LongBuffer.allocate(n * first.speechTokens().length);
        FloatBuffer embeddings = FloatBuffer.allocate(n * first.speakerEmbedding().length);
        FloatBuffer features = FloatBuffer.allocate(n * first.speakerFeatures().length);
        for (Input row : rows) {
            tokens.put(row.speechTokens());
            embeddings.put(row.speakerEmbedding());
            features.put(row.speakerFeatures());
        }
        OrtEnvironment env = OnnxModels.environment();
        try (OnnxTensor speech = OnnxTensor.createTensor(env, tokens.flip(), new long[] {n, first.speechTokens().length});
             OnnxTensor embedding = OnnxTensor.createTensor(env, embeddings.flip(), new long[] {n, first.speakerEmbedding().length});
             OnnxTensor mel = OnnxTensor.createTensor(env, features.flip(), new long[] {n, first.featureFrames(), VoicePrompt.MEL_BINS});
             OrtSession.Result out = models.conditionalDecoder().run(
                     Map.of("speech_tokens", speech, "speaker_embeddings", embedding, "speaker_features", mel))) {
            float[] all = SpeakerEncoder.floats((OnnxTensor) out.get("waveform").orElseThrow());
            int samples = all.length / n;
            float[][] each = new float[n][samples];
            for (int i = 0; i < n; i++) {
                System.arraycopy(all, i * samples, each[i], 0, samples);
            }
            return each;
        }
    }
}
