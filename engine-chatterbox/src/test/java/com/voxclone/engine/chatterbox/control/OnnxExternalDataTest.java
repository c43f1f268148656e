package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.engine.chatterbox.testmodels.OnnxWriter;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxExternalDataTest {

    @TempDir
    Path dir;

    /** A graph with one weight of 4 kB and one of 8 bytes. */
    private static OnnxWriter graph() {
        OnnxWriter g = new OnnxWriter();
        g.input("x", OnnxWriter.FLOAT, 1L, 1024L);
        String scaled = g.op("Mul", "x", g.floats("scale", new float[1024], 1024));
        g.node("Add", new String[] {scaled, g.floats("bias", new float[] {1f, 2f}, 2)}, "y");
        g.output("y", OnnxWriter.FLOAT, 1L, 1024L);
        return g;
    }

    @Test
    void namesTheFileTheLargeWeightsAreIn() throws IOException {
        graph().save(dir.resolve("model.onnx"), 1024);
        assertEquals(Set.of("model.onnx_data"), OnnxExternalData.locations(dir.resolve("model.onnx")));
    }

    @Test
    void namesNothingWhenEveryWeightIsEmbedded() throws IOException {
        graph().save(dir.resolve("model.onnx"), StandInModels.EMBEDDED);
        assertEquals(Set.of(), OnnxExternalData.locations(dir.resolve("model.onnx")));
        assertTrue(Files.notExists(dir.resolve("model.onnx_data")));
    }

    @Test
    void namesAFileOfAnyNameAsWritten() throws IOException {
        graph().save(dir.resolve("onnx/model.onnx"), 1024, "../weights/all.bin");
        assertEquals(Set.of("../weights/all.bin"), OnnxExternalData.locations(dir.resolve("onnx/model.onnx")));
    }

    @Test
    void refusesWhatIsNotAGraph() throws IOException {
        Files.write(dir.resolve("noise.onnx"), new byte[] {1, 2, 3, 4});
        IOException e = assertThrows(IOException.class, () -> OnnxExternalData.locations(dir.resolve("noise.onnx")));
        assertTrue(e.getMessage().contains("not an ONNX graph"), e.getMessage());
    }
}
