package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.engine.chatterbox.entity.ModelCheck;
import com.voxclone.engine.chatterbox.entity.ModelFile;
import com.voxclone.engine.chatterbox.entity.ModelPrecision;
import com.voxclone.engine.chatterbox.entity.ModelVariant;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryCheckTest {

    @TempDir
    Path dir;

    @Test
    void namesMissingEmptyAndCorruptFiles() throws Exception {
        for (ModelFile f : ModelFile.required(ModelVariant.of(ModelPrecision.Q4F16))) {
            Path p = dir.resolve(f.relativePath());
            Files.createDirectories(p.getParent());
            Files.writeString(p, "content of " + f.relativePath());
        }
        assertTrue(ModelDirectoryCheck.check(dir, ModelVariant.of(ModelPrecision.Q4F16), true).ok());

        Files.delete(dir.resolve("onnx/speech_encoder.onnx_data"));
        Files.write(dir.resolve("tokenizer.json"), new byte[0]);
        Files.writeString(dir.resolve(ModelDirectoryCheck.MANIFEST), "0000  onnx/language_model_q4f16.onnx\n");
        ModelCheck check = ModelDirectoryCheck.check(dir, ModelVariant.of(ModelPrecision.Q4F16), true);

        assertFalse(check.ok());
        assertEquals(3, check.problems().size(), check.message());
        String message = check.message();
        assertTrue(message.contains("onnx/speech_encoder.onnx_data (speech encoder (voice enrolment) weights): missing"), message);
        assertTrue(message.contains("tokenizer.json (text tokenizer): empty"), message);
        assertTrue(message.contains("onnx/language_model_q4f16.onnx (language model (q4f16)): corrupt"), message);
        assertTrue(message.contains("./voxclone models fetch"), message);
        assertEquals(2, ModelDirectoryCheck.check(dir, ModelVariant.of(ModelPrecision.Q4F16), false).problems().size(),
                "checksums are only compared when asked");
    }
}
