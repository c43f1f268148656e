package com.voxclone.engine.chatterbox.control;

import com.voxclone.engine.chatterbox.entity.ModelCheck;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import com.voxclone.engine.chatterbox.entity.ModelFile;
import com.voxclone.engine.chatterbox.entity.ModelVariant;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Gets the Chatterbox model files into the model directory: downloads them (resuming interrupted downloads with
 * HTTP Range requests and checking SHA-256 sums when a manifest is published) or installs them from a local
 * directory or archive for machines without internet access.
 */
public final class ModelStore {

    public static final URI DEFAULT_BASE_URL = ModelFamily.ORIGINAL.defaultUrl();

    /** Told how far each download has come; {@code total} is -1 when the server does not say. */
    @FunctionalInterface
    public interface Progress {
        void update(String file, long done, long total);
    }

    private final Path modelDir;
    private final ModelVariant variant;
    private final URI baseUrl;
    private final HttpClient http;

    public ModelStore(Path modelDir, ModelVariant variant, URI baseUrl) {
        this.modelDir = modelDir;
        this.variant = variant;
        String base = (baseUrl == null ? DEFAULT_BASE_URL : baseUrl).toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build();
    }

    public ModelCheck verify() {
        return ModelDirectoryCheck.check(modelDir, variant, true);
    }

    /**
     * Downloads every required file that is not already present and intact. A published {@value ModelDirectoryCheck#MANIFEST}
     * next to the files is downloaded first and used to check each file.
     */
    public ModelCheck fetch(Progress progress) throws IOException, InterruptedException {
        Files.createDirectories(modelDir);
        fetchManifest();
        Map<String, String> sums = ModelDirectoryCheck.readManifest(modelDir.resolve(ModelDirectoryCheck.MANIFEST));
        for (ModelFile file : ModelFile.required(variant)) {
            ensure(file, sums, progress);
            if (file.isGraph()) {
                // Its weights files are whatever the graph names: none when they are embedded.
                for (ModelFile data : ModelDirectoryCheck.dataFilesOf(modelDir, file)) {
                    ensure(data, sums, progress);
                }
            }
        }
        // What the tokenizer goes with is known once it is here.
        for (ModelFile file : ModelDirectoryCheck.tokenizerFiles(modelDir)) {
            ensure(file, sums, progress);
        }
        return verify();
    }

    /** Downloads {@code file} unless it is already present and intact. */
    private void ensure(ModelFile file, Map<String, String> sums, Progress progress) throws IOException, InterruptedException {
        Path target = modelDir.resolve(file.relativePath());
        String expected = sums.get(file.relativePath());
        if (Files.isRegularFile(target) && Files.size(target) > 0
                && (expected == null || expected.equalsIgnoreCase(ModelDirectoryCheck.sha256(target)))) {
            return;
        }
        download(file.relativePath(), target, progress);
        if (expected != null && !expected.equalsIgnoreCase(ModelDirectoryCheck.sha256(target))) {
            Files.delete(target);
            throw new IOException("Downloaded " + file.relativePath() + " does not match its SHA-256 sum; it was removed, run the fetch again");
        }
    }

    private void fetchManifest() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(ModelDirectoryCheck.MANIFEST)).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 200) {
            Files.write(modelDir.resolve(ModelDirectoryCheck.MANIFEST), response.body());
        }
    }

    /** Downloads into {@code target.part}, continuing from its current length, then moves it into place. */
    private void download(String relativePath, Path target, Progress progress) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(relativePath)).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status == 416 && have > 0) {
            // The part file is already complete (or longer than the file): start over rather than guess.
            response.body().close();
            Files.delete(part);
            download(relativePath, target, progress);
            return;
        }
        if (status != 200 && status != 206) {
            response.body().close();
            throw new IOException("Download of " + relativePath + " from " + baseUrl + " failed with HTTP " + status);
        }
        boolean resumed = status == 206;
        long offset = resumed ? have : 0;
        long total = totalLength(response, offset);
        try (InputStream in = response.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[1 << 16];
            long done = offset;
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                done += n;
                progress.update(relativePath, done, total);
            }
        }
        if (total >= 0 && Files.size(part) != total) {
            throw new IOException("Download of " + relativePath + " stopped at " + Files.size(part) + " of " + total
                    + " bytes; run the fetch again to resume");
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static long totalLength(HttpResponse<?> response, long offset) {
        Optional<String> range = response.headers().firstValue("Content-Range");
        if (range.isPresent()) {
            String value = range.get();
            int slash = value.lastIndexOf('/');
            if (slash >= 0 && !value.endsWith("*")) {
                return Long.parseLong(value.substring(slash + 1).trim());
            }
        }
        return response.headers().firstValueAsLong("Content-Length").stream().map(l -> l + offset).findFirst().orElse(-1L);
    }

    /**
     * Copies the model from a directory, or a {@code .zip}, {@code .tar}, {@code .tar.gz} / {@code .tgz} archive,
     * holding {@code tokenizer.json} and {@code onnx/} (at its top or inside one folder). Nothing is replaced when a
     * required file is missing from the source.
     */
    public ModelCheck install(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            return installFrom(source);
        }
        if (!Files.isRegularFile(source)) {
            throw new IOException("Nothing to install at " + source + ": give a model directory or a .zip/.tar/.tar.gz archive");
        }
        // Unpack next to the model directory: same file system, and no gigabytes in the system temp folder.
        Path unpacked = Files.createTempDirectory(createParent(), ".voxclone-install");
        try {
            unpack(source, unpacked);
            return installFrom(unpacked);
        } finally {
            try (Stream<Path> walk = Files.walk(unpacked)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Path createParent() throws IOException {
        Path parent = modelDir.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IOException("The model directory cannot be a file system root: " + modelDir);
        }
        Files.createDirectories(parent);
        return parent;
    }

    private ModelCheck installFrom(Path root) throws IOException {
        Path base = locateRoot(root);
        ModelCheck source = ModelDirectoryCheck.check(base, variant, true);
        if (!source.ok()) {
            throw new IOException("Cannot install from " + root + ": " + source.problems().stream()
                    .map(p -> p.file().relativePath() + " " + p.issue()).toList());
        }
        List<String> names = new ArrayList<>();
        for (ModelFile file : ModelDirectoryCheck.requiredFiles(base, variant)) {
            names.add(file.relativePath());
            if (file.isGraph()) {
                ModelDirectoryCheck.dataFilesOf(base, file).forEach(data -> names.add(data.relativePath()));
            }
        }
        Stream<String> copies = Stream.concat(names.stream(), Stream.of(ModelDirectoryCheck.MANIFEST));
        for (String name : (Iterable<String>) copies::iterator) {
            Path from = base.resolve(name);
            if (Files.isRegularFile(from)) {
                Path to = modelDir.resolve(name);
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return verify();
    }

    /** The source's top, or its single folder when the archive wraps everything in one. */
    private static Path locateRoot(Path root) throws IOException {
        if (Files.isRegularFile(root.resolve(ModelFile.TOKENIZER))) {
            return root;
        }
        try (Stream<Path> children = Files.list(root)) {
            List<Path> dirs = children.filter(Files::isDirectory).toList();
            return dirs.size() == 1 && Files.isRegularFile(dirs.get(0).resolve(ModelFile.TOKENIZER)) ? dirs.get(0) : root;
        }
    }

    private static void unpack(Path archive, Path into) throws IOException {
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            if (name.endsWith(".zip")) {
                unzip(raw, into);
            } else if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
                TarReader.extract(new GZIPInputStream(raw), into);
            } else if (name.endsWith(".tar")) {
                TarReader.extract(raw, into);
            } else {
                throw new IOException("Unsupported archive " + archive.getFileName() + ": use .zip, .tar, .tar.gz or .tgz");
            }
        }
    }

    private static void unzip(InputStream raw, Path into) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(raw, StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = TarReader.safeResolve(into, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
