package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * Speech tokens to 24 kHz audio with the conditional decoder. The voice's own tokens go first: the graph needs the
 * prompt to condition on and cuts the prompt's audio off itself. Only the first {@code promptTokens} of the voice
 * (with their mel frames) are given, since each call's work grows with the prompt.
 */
public final class SpeechDecoder {

    private final OnnxModels models;
    private final int promptTokens;

    public SpeechDecoder(OnnxModels models, int promptTokens) {
        this.models = models;
        this.promptTokens = promptTokens;
    }

    public float[] decode(VoicePrompt wholeVoice, long[] tokens) throws OrtException {
        VoicePrompt voice = wholeVoice.withDecoderPromptOf(promptTokens);
        OrtEnvironment env = OnnxModels.environment();
        long[] all = new long[voice.audioTokens().length + tokens.length];
        System.arraycopy(voice.audioTokens(), 0, all, 0, voice.audioTokens().length);
        System.arraycopy(tokens, 0, all, voice.audioTokens().length, tokens.length);
        try (OnnxTensor speech = OnnxTensor.createTensor(env, LongBuffer.wrap(all), new long[] {1, all.length});
             OnnxTensor embedding = OnnxTensor.createTensor(env, FloatBuffer.wrap(voice.speakerEmbedding()),
                     new long[] {1, voice.speakerEmbedding().length});
             OnnxTensor mel = OnnxTensor.createTensor(env, FloatBuffer.wrap(voice.speakerFeatures()),
                     new long[] {1, voice.featureFrames(), VoicePrompt.MEL_BINS});
             OrtSession.Result out = models.conditionalDecoder().run(
                     Map.of("speech_tokens", speech, "speaker_embeddings", embedding, "speaker_features", mel))) {
            return SpeakerEncoder.floats((OnnxTensor) out.get("waveform").orElseThrow());
        }
    }
}
