package com.voxclone.engine.chatterbox.testmodels;

import static com.voxclone.engine.chatterbox.testmodels.OnnxWriter.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's contrib-domain nodes run in ONNX Runtime with the meaning the performance twin relies on. */
class OnnxWriterTest {

    @TempDir
    Path dir;

    @Test
    void fourBitWeightsMultiplyAsScaleTimesNibbleMinusEight() throws Exception {
        int k = 32;
        int n = 2;
        byte[] packed = new byte[n * k / 2];
        float[][] weights = new float[n][k];
        float[] scales = {0.5f, -0.25f};
        for (int row = 0; row < n; row++) {
            for (int i = 0; i < k; i++) {
                int nibble = (i * 5 + row * 3) % 16;
                // Two values per byte, the even index in the low four bits.
                packed[row * k / 2 + i / 2] |= (byte) (i % 2 == 0 ? nibble : nibble << 4);
                weights[row][i] = scales[row] * (nibble - 8);
            }
        }
        OnnxWriter g = new OnnxWriter();
        g.input("x", FLOAT, 1L, (long) k);
        String y = g.contribOp("MatMulNBits", new String[] {"x", g.bytes("w", packed, n, 1, k / 2), g.floats("s", scales, n)},
                "K", (long) k, "N", (long) n, "bits", 4L, "block_size", 32L, "accuracy_level", 0L);
        g.node("Identity", new String[] {y}, "y");
        g.output("y", FLOAT, 1L, (long) n);
        g.save(dir.resolve("q4.onnx"), Integer.MAX_VALUE);

        float[] x = new float[k];
        float[] expected = new float[n];
        for (int i = 0; i < k; i++) {
            x[i] = (i % 4) - 1.5f;
            for (int row = 0; row < n; row++) {
                expected[row] += x[i] * weights[row][i];
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(dir.resolve("q4.onnx").toString());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, k});
             OrtSession.Result out = session.run(Map.of("x", in))) {
            float[] y2 = ((float[][]) out.get(0).getValue())[0];
            assertArrayEquals(expected, y2, 1e-4f);
        }
    }
}
