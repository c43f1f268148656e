package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.engine.chatterbox.entity.ModelCheck;
import com.voxclone.engine.chatterbox.entity.ModelPrecision;
import com.voxclone.engine.chatterbox.entity.ModelVariant;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryCheckTest {

    static final ModelVariant FP32 = ModelVariant.of(ModelPrecision.FP32);

    @TempDir
    Path dir;

    @Test
    void namesMissingEmptyAndCorruptFiles() throws Exception {
        StandInModels.writeModelDirectory(dir, StandInModels.Spec.small(60));
        assertTrue(ModelDirectoryCheck.check(dir, FP32, true).ok(), ModelDirectoryCheck.check(dir, FP32, true).message());

        Files.delete(dir.resolve("onnx/speech_encoder.onnx_data"));
        Files.write(dir.resolve("tokenizer.json"), new byte[0]);
        Files.writeString(dir.resolve(ModelDirectoryCheck.MANIFEST), "0000  onnx/language_model.onnx\n");
        ModelCheck check = ModelDirectoryCheck.check(dir, FP32, true);

        assertFalse(check.ok());
        assertEquals(3, check.problems().size(), check.message());
        String message = check.message();
        assertTrue(message.contains("onnx/speech_encoder.onnx_data (speech encoder (voice enrolment) weights): missing, "
                + "referenced by onnx/speech_encoder.onnx"), message);
        assertTrue(message.contains("tokenizer.json (text tokenizer): empty"), message);
        assertTrue(message.contains("onnx/language_model.onnx (language model (fp32)): corrupt"), message);
        assertTrue(message.contains("./voxclone models fetch"), message);
        assertEquals(2, ModelDirectoryCheck.check(dir, FP32, false).problems().size(),
                "checksums are only compared when asked");
    }

    @Test
    void graphsWithTheirWeightsEmbeddedNeedNoWeightsFiles() throws Exception {
        StandInModels.writeModelDirectory(dir, StandInModels.Spec.small(60), StandInModels.EMBEDDED);
        try (Stream<Path> files = Files.list(dir.resolve("onnx"))) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".onnx_data")), "no weights files written");
        }
        ModelCheck check = ModelDirectoryCheck.check(dir, FP32, true);
        assertTrue(check.ok(), check.message());
    }

    @Test
    void aGraphThatIsNotOneOrNamesWeightsOutsideTheDirectoryIsUnusable() throws Exception {
        StandInModels.writeModelDirectory(dir.resolve("model"), StandInModels.Spec.small(60));
        Path model = dir.resolve("model");
        Files.write(model.resolve("onnx/embed_tokens.onnx"), new byte[] {1, 2, 3, 4});
        String message = ModelDirectoryCheck.check(model, FP32, false).message();
        assertTrue(message.contains("onnx/embed_tokens.onnx (token embeddings): unusable: it is not an ONNX graph"), message);

        StandInModels.languageModel(StandInModels.Spec.small(60))
                .save(model.resolve("onnx/language_model.onnx"), StandInModels.EXTERNAL_FROM_BYTES, "../../outside.bin");
        message = ModelDirectoryCheck.check(model, FP32, false).message();
        assertTrue(message.contains("onnx/language_model.onnx (language model (fp32)): unusable: its weights are named "
                + "'../../outside.bin', outside the model directory"), message);
    }
}
