package com.voxclone.engine.chatterbox.testmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-ins load in ONNX Runtime, expose the real signatures and compute what the tests expect. */
class StandInModelsTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @TempDir
    Path dir;

    @Test
    void graphsHaveTheRealSignaturesAndExternalData() throws Exception {
        StandInModels.Spec spec = StandInModels.Spec.small(60);
        StandInModels.writeModelDirectory(dir, spec);
        for (String name : List.of("speech_encoder", "embed_tokens", "language_model", "conditional_decoder")) {
            assertTrue(Files.size(dir.resolve("onnx/" + name + ".onnx_data")) > 0, name + " keeps weights outside");
        }
        try (OrtSession lm = ENV.createSession(dir.resolve("onnx/language_model.onnx").toString())) {
            List<String> inputs = List.copyOf(lm.getInputNames());
            assertEquals("inputs_embeds", inputs.get(0));
            assertEquals("attention_mask", inputs.get(1));
            assertEquals("past_key_values.0.key", inputs.get(2));
            assertEquals(2 + 2 * spec.layers(), inputs.size());
            List<String> outputs = List.copyOf(lm.getOutputNames());
            assertEquals("logits", outputs.get(0));
            assertEquals("present.0.key", outputs.get(1));
        }
        try (OrtSession encoder = ENV.createSession(dir.resolve("onnx/speech_encoder.onnx").toString())) {
            assertEquals(List.of("audio_features", "audio_tokens", "speaker_embeddings", "speaker_features"),
                    List.copyOf(encoder.getOutputNames()));
        }
    }

    @Test
    void encoderAndDecoderComputeThePredictedValues() throws Exception {
        StandInModels.writeModelDirectory(dir, StandInModels.Spec.small(60));
        float[] audio = new float[24_000 * 3 / 2];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.3 * Math.sin(i * 0.01) * (i % 7000) / 7000.0);
        }
        long[] tokens;
        try (OrtSession encoder = ENV.createSession(dir.resolve("onnx/speech_encoder.onnx").toString());
             OnnxTensor in = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(audio), new long[] {1, audio.length});
             OrtSession.Result out = encoder.run(Map.of("audio_values", in))) {
            tokens = ((long[][]) out.get("audio_tokens").get().getValue())[0];
            assertArrayEquals(StandInModels.expectedAudioTokens(audio), tokens);
            float[][][] features = (float[][][]) out.get("speaker_features").get().getValue();
            assertEquals(2 * tokens.length, features[0].length);
        }
        try (OrtSession decoder = ENV.createSession(dir.resolve("onnx/conditional_decoder.onnx").toString())) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("speech_tokens", OnnxTensor.createTensor(ENV, new long[][] {{5, 17, 230, 4}}));
            in.put("speaker_embeddings", OnnxTensor.createTensor(ENV, new float[1][192]));
            in.put("speaker_features", OnnxTensor.createTensor(ENV, new float[1][2][80]));
            try (OrtSession.Result out = decoder.run(in)) {
                float[] wave = ((float[][]) out.get("waveform").get().getValue())[0];
                assertEquals((2 * 4 - 2) * 480, wave.length);
                assertArrayEquals(StandInModels.expectedWaveform(new long[] {5, 17, 230, 4}, 2), wave, 1e-5f);
            } finally {
                in.values().forEach(OnnxTensor::close);
            }
        }
    }
}
