package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.voxclone.engine.chatterbox.boundary.ModelsCommand;
import com.voxclone.engine.chatterbox.entity.ModelCheck;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import com.voxclone.engine.chatterbox.entity.ModelFile;
import com.voxclone.engine.chatterbox.entity.ModelPrecision;
import com.voxclone.engine.chatterbox.entity.ModelVariant;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<String> rangeHeaders = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A published model (stand-in graphs with their weights outside), plus a SHA256SUMS manifest. */
    private Path publishedModel(ModelPrecision precision, boolean withManifest) throws IOException {
        return publishedModel(precision, withManifest, StandInModels.EXTERNAL_FROM_BYTES);
    }

    private Path publishedModel(ModelPrecision precision, boolean withManifest, int externalFromBytes) throws IOException {
        Path source = tmp.resolve("published");
        StandInModels.writeModelDirectory(source, StandInModels.Spec.small(60).named(precision.suffix()), externalFromBytes);
        if (withManifest) {
            StringBuilder manifest = new StringBuilder();
            for (String file : files(source)) {
                manifest.append(ModelDirectoryCheck.sha256(source.resolve(file))).append("  ").append(file).append('\n');
            }
            Files.writeString(source.resolve(ModelDirectoryCheck.MANIFEST), manifest);
        }
        return source;
    }

    /** Every file below {@code root}, relative to it. */
    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Serves {@code root} on 127.0.0.1 with byte-range support, recording each Range header. */
    private URI serve(Path root) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/repo/resolve/main/", exchange -> {
            String relative = exchange.getRequestURI().getPath().substring("/repo/resolve/main/".length());
            Path file = root.resolve(relative);
            if (!Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] all = Files.readAllBytes(file);
            String range = exchange.getRequestHeaders().getFirst("Range");
            int from = 0;
            if (range != null) {
                rangeHeaders.add(relative + " " + range);
                from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (all.length - 1) + "/" + all.length);
            }
            exchange.sendResponseHeaders(range != null ? 206 : 200, all.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(all, from, all.length - from);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/repo/resolve/main/");
    }

    @Test
    void fetchDownloadsEveryFileResumesPartialOnesAndChecksSums() throws Exception {
        Path published = publishedModel(ModelPrecision.Q4, true);
        Path modelDir = tmp.resolve("model");
        String lm = ModelFile.graph("language_model", ModelPrecision.Q4) + "_data";
        byte[] lmBytes = Files.readAllBytes(published.resolve(lm));
        Files.createDirectories(modelDir.resolve("onnx"));
        Files.write(modelDir.resolve(lm + ".part"), Arrays.copyOf(lmBytes, 1000));

        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        ModelStore store = new ModelStore(modelDir, ModelVariant.of(ModelPrecision.Q4), serve(published));
        ModelCheck result = store.fetch((file, done, total) -> progress.add(file + " " + done + "/" + total));

        assertTrue(result.ok(), result.message());
        assertEquals(List.of(lm + " bytes=1000-"), rangeHeaders);
        assertArrayEquals(lmBytes, Files.readAllBytes(modelDir.resolve(lm)));
        assertFalse(Files.exists(modelDir.resolve(lm + ".part")));
        assertTrue(progress.contains(lm + " " + lmBytes.length + "/" + lmBytes.length), progress.toString());
        assertTrue(Files.exists(modelDir.resolve(ModelDirectoryCheck.MANIFEST)));
    }

    @Test
    void fetchDownloadsOnlyWhatTheGraphsReferenceWhenTheirWeightsAreEmbedded() throws Exception {
        Path published = publishedModel(ModelPrecision.FP32, true, StandInModels.EMBEDDED);
        Path modelDir = tmp.resolve("model");
        List<String> downloaded = Collections.synchronizedList(new ArrayList<>());
        ModelCheck result = new ModelStore(modelDir, ModelVariant.of(ModelPrecision.FP32), serve(published))
                .fetch((file, done, total) -> downloaded.add(file));
        assertTrue(result.ok(), result.message());
        assertTrue(downloaded.stream().noneMatch(f -> f.endsWith("_data")), downloaded.toString());
        assertEquals(files(published), files(modelDir));
    }

    @Test
    void fetchAlsoDownloadsTheCangjieTableWhenTheTokenizerIsMultilinguals() throws Exception {
        Path published = StandInModels.writeMultilingualDirectory(tmp.resolve("published"), StandInModels.Spec.small(60));
        Path modelDir = tmp.resolve("model");
        ModelCheck result = new ModelStore(modelDir, ModelVariant.of(ModelPrecision.FP32), serve(published)).fetch((f, d, t) -> { });
        assertTrue(result.ok(), result.message());
        assertEquals(StandInModels.CANGJIE_TABLE, Files.readString(modelDir.resolve("Cangjie5_TC.json")));
        assertEquals(files(published), files(modelDir));
    }

    @Test
    void fetchRejectsAFileThatDoesNotMatchTheManifest() throws Exception {
        Path published = publishedModel(ModelPrecision.FP32, true);
        Files.write(published.resolve("onnx/embed_tokens.onnx_data"), new byte[] {1, 2, 3});
        ModelStore store = new ModelStore(tmp.resolve("model"), ModelVariant.of(ModelPrecision.FP32), serve(published));
        IOException e = assertThrows(IOException.class, () -> store.fetch((f, d, t) -> { }));
        assertTrue(e.getMessage().contains("onnx/embed_tokens.onnx_data"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("model/onnx/embed_tokens.onnx_data")));
    }

    @Test
    void fetchWithoutManifestStillDownloadsAndSkipsPresentFiles() throws Exception {
        Path published = publishedModel(ModelPrecision.FP32, false);
        Path modelDir = tmp.resolve("model");
        Files.createDirectories(modelDir);
        Files.writeString(modelDir.resolve("tokenizer.json"), "{}");
        ModelCheck result = new ModelStore(modelDir, ModelVariant.of(ModelPrecision.FP32), serve(published)).fetch((f, d, t) -> { });
        assertTrue(result.ok(), result.message());
        assertEquals("{}", Files.readString(modelDir.resolve("tokenizer.json")), "present files are kept");
    }

    @Test
    void installsFromDirectoryZipAndTarWrappedInOneFolder() throws Exception {
        Path published = publishedModel(ModelPrecision.FP32, true);
        assertTrue(new ModelStore(tmp.resolve("a"), ModelVariant.of(ModelPrecision.FP32), null).install(published).ok());

        Path zip = tmp.resolve("model.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String file : files(published)) {
                out.putNextEntry(new ZipEntry("chatterbox/" + file));
                out.write(Files.readAllBytes(published.resolve(file)));
                out.closeEntry();
            }
        }
        assertTrue(new ModelStore(tmp.resolve("b"), ModelVariant.of(ModelPrecision.FP32), null).install(zip).ok());

        Path tar = tmp.resolve("model.tar");
        Process p = new ProcessBuilder("tar", "-cf", tar.toString(), "-C", published.toString(), ".").inheritIO().start();
        assertEquals(0, p.waitFor());
        Path modelDir = tmp.resolve("c");
        assertTrue(new ModelStore(modelDir, ModelVariant.of(ModelPrecision.FP32), null).install(tar).ok());
        assertArrayEquals(Files.readAllBytes(published.resolve("onnx/language_model.onnx_data")),
                Files.readAllBytes(modelDir.resolve("onnx/language_model.onnx_data")));
    }

    @Test
    void installRefusesAnIncompleteSourceAndNamesTheMissingFile() throws Exception {
        Path published = publishedModel(ModelPrecision.FP32, false);
        Files.delete(published.resolve("onnx/conditional_decoder.onnx_data"));
        IOException e = assertThrows(IOException.class,
                () -> new ModelStore(tmp.resolve("m"), ModelVariant.of(ModelPrecision.FP32), null).install(published));
        assertTrue(e.getMessage().contains("onnx/conditional_decoder.onnx_data missing"), e.getMessage());
    }

    @Test
    void commandVerifiesAndExplainsHowToGetMissingFiles() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ModelStore store = new ModelStore(tmp.resolve("empty"), ModelVariant.of(ModelPrecision.FP16), null);
        int code = new ModelsCommand(store, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(new String[] {"models", "verify"});
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(1, code);
        assertTrue(text.contains("onnx/language_model_fp16.onnx (language model (fp16)): missing"), text);
        assertTrue(text.contains("./voxclone models fetch") && text.contains("./voxclone models install"), text);
        assertEquals(2, new ModelsCommand(store, new PrintStream(new ByteArrayOutputStream())).run(new String[] {"models", "bogus"}));
    }

    @Test
    void commandWorksOnTheNamedModelOrTheNodesOwnAndRefusesAnUnknownOneNamingTheModels() throws Exception {
        List<ModelFamily> asked = new ArrayList<>();
        Function<ModelFamily, ModelStore> stores = family -> {
            asked.add(family);
            return new ModelStore(ModelsCommand.modelDir(Optional.empty(), tmp.toString(), family),
                    ModelVariant.of(ModelPrecision.FP32), family.defaultUrl());
        };
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ModelsCommand command = new ModelsCommand(stores, ModelFamily.TURBO, new PrintStream(buffer, true, StandardCharsets.UTF_8));

        assertEquals(1, command.run(new String[] {"models", "verify"}));
        assertEquals(1, command.run(new String[] {"models", "verify", "chatterbox"}));
        assertEquals(List.of(ModelFamily.TURBO, ModelFamily.ORIGINAL), asked);
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("chatterbox-turbo: ") && text.contains(tmp.resolve("chatterbox-turbo").toString()), text);
        assertTrue(text.contains("`./voxclone models fetch chatterbox-turbo`"), "the way to get the files names the model: " + text);

        buffer.reset();
        assertEquals(2, command.run(new String[] {"models", "fetch", "chatterbox-xl"}));
        assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("the models are chatterbox, chatterbox-turbo, chatterbox-multilingual"),
                buffer.toString());
        assertEquals(2, command.run(new String[] {"models", "install"}));
        assertEquals(List.of(ModelFamily.TURBO, ModelFamily.ORIGINAL), asked, "nothing done on wrong usage");
    }

    @Test
    void eachModelHasItsOwnFolderUnlessOneFolderIsNamed() {
        assertEquals(Path.of("data/models/chatterbox-turbo"), ModelsCommand.modelDir(Optional.empty(), "data/models", ModelFamily.TURBO));
        assertEquals(Path.of("/srv/turbo"), ModelsCommand.modelDir(Optional.of("/srv/turbo"), "data/models", ModelFamily.TURBO));
        assertEquals(URI.create("https://huggingface.co/ResembleAI/chatterbox-turbo-ONNX/resolve/main/"), ModelFamily.TURBO.defaultUrl());
    }
}
