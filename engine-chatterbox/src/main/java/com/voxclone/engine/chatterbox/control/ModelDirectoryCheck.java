package com.voxclone.engine.chatterbox.control;

import com.voxclone.engine.chatterbox.entity.ModelCheck;
import com.voxclone.engine.chatterbox.entity.ModelFile;
import com.voxclone.engine.chatterbox.entity.ModelVariant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks that a model directory holds every file the engine loads, non-empty, and (optionally) matching the
 * SHA-256 sums of its {@value #MANIFEST} manifest ({@code sha256sum} format: {@code <hex>  <relative path>}). The
 * weights files are exactly those the graphs reference (read from each graph), so a graph with its weights embedded
 * needs none, and an export with other file names or one file per tensor is checked file by file. Chatterbox
 * Multilingual (a tokenizer with language tokens) also needs its Cangjie table for Chinese.
 */
public final class ModelDirectoryCheck {

    public static final String MANIFEST = "SHA256SUMS";

    private ModelDirectoryCheck() {
    }

    public static ModelCheck check(Path dir, ModelVariant variant, boolean verifyChecksums) {
        Map<String, String> sums = verifyChecksums ? readManifest(dir.resolve(MANIFEST)) : Map.of();
        List<ModelCheck.Problem> problems = new ArrayList<>();
        for (ModelFile file : requiredFiles(dir, variant)) {
            String issue = issue(dir.resolve(file.relativePath()), sums.get(file.relativePath()));
            if (issue == null && file.isGraph()) {
                try {
                    for (ModelFile data : dataFilesOf(dir, file)) {
                        String dataIssue = issue(dir.resolve(data.relativePath()), sums.get(data.relativePath()));
                        if (dataIssue != null) {
                            problems.add(new ModelCheck.Problem(data, dataIssue + ", referenced by " + file.relativePath()));
                        }
                    }
                } catch (IOException e) {
                    issue = "unusable: " + e.getMessage();
                }
            }
            if (issue != null) {
                problems.add(new ModelCheck.Problem(file, issue));
            }
        }
        return new ModelCheck(dir, variant, problems);
    }

    /** The files the engine loads from {@code dir} for {@code variant}, its weights files aside. */
    public static List<ModelFile> requiredFiles(Path dir, ModelVariant variant) {
        List<ModelFile> files = new ArrayList<>(ModelFile.required(variant));
        files.addAll(tokenizerFiles(dir));
        return files;
    }

    /**
     * The files the tokenizer in {@code dir} goes with: Chatterbox Multilingual's Cangjie table, or none (also while the
     * tokenizer is missing or unreadable, which its own check reports).
     */
    public static List<ModelFile> tokenizerFiles(Path dir) {
        Path tokenizer = dir.resolve(ModelFile.TOKENIZER);
        try {
            return Files.isRegularFile(tokenizer) && MultilingualText.hasLanguageTokens(tokenizer)
                    ? List.of(new ModelFile(CangjieCodes.TABLE, "Chinese character table (Chatterbox Multilingual)"))
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The files {@code graph} keeps tensor data in, as files of the model directory {@code dir} (none when its weights
     * are embedded).
     *
     * @throws IOException when the graph cannot be read, or names a weights file outside the model directory
     */
    public static List<ModelFile> dataFilesOf(Path dir, ModelFile graph) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Path graphPath = root.resolve(graph.relativePath());
        List<ModelFile> files = new ArrayList<>();
        for (String location : OnnxExternalData.locations(graphPath)) {
            Path data = graphPath.getParent().resolve(location).normalize();
            if (Path.of(location).isAbsolute() || !data.startsWith(root)) {
                throw new IOException("its weights are named '" + location + "', outside the model directory");
            }
            files.add(new ModelFile(root.relativize(data).toString().replace('\\', '/'), graph.purpose() + " weights"));
        }
        return files;
    }

    private static String issue(Path path, String expectedSum) {
        try {
            if (!Files.isRegularFile(path)) {
                return "missing";
            }
            if (Files.size(path) == 0) {
                return "empty";
            }
            if (expectedSum != null && !expectedSum.equalsIgnoreCase(sha256(path))) {
                return "corrupt (SHA-256 does not match " + MANIFEST + ")";
            }
            return null;
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    /** Relative path to lower-case hex digest; empty when there is no manifest. */
    public static Map<String, String> readManifest(Path manifest) {
        Map<String, String> sums = new HashMap<>();
        if (!Files.isRegularFile(manifest)) {
            return sums;
        }
        try {
            for (String line : Files.readAllLines(manifest)) {
                String trimmed = line.trim();
                int space = trimmed.indexOf(' ');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || space < 0) {
                    continue;
                }
                String name = trimmed.substring(space).trim();
                if (name.startsWith("*")) {
                    name = name.substring(1);
                }
                sums.put(name.startsWith("./") ? name.substring(2) : name, trimmed.substring(0, space).toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checksum manifest " + manifest, e);
        }
        return sums;
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available in Java", e);
        }
    }
}
