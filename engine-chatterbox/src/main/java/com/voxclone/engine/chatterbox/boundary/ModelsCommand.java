package com.voxclone.engine.chatterbox.boundary;

import com.voxclone.engine.chatterbox.control.ModelStore;
import com.voxclone.engine.chatterbox.entity.ModelCheck;
import com.voxclone.engine.chatterbox.entity.ModelPrecision;
import com.voxclone.engine.chatterbox.entity.ModelVariant;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * {@code voxclone models fetch | install <dir|archive> | verify}: manages the Chatterbox model directory.
 * Reads the same settings as the server: {@code voxclone.model.dir} / {@code VOXCLONE_MODEL_DIR},
 * {@code voxclone.model.precision} / {@code VOXCLONE_MODEL_PRECISION}, {@code voxclone.model.decoder} /
 * {@code VOXCLONE_MODEL_DECODER}, {@code voxclone.model.url} /
 * {@code VOXCLONE_MODEL_URL} (system property first, then environment).
 */
public final class ModelsCommand {

    public static final String DEFAULT_MODEL_DIR = "data/models/chatterbox";

    private final ModelStore store;
    private final PrintStream out;

    public ModelsCommand(ModelStore store, PrintStream out) {
        this.store = store;
        this.out = out;
    }

    public static void main(String[] args) {
        Function<String, String> settings = key -> {
            String value = System.getProperty(key);
            return value != null ? value : System.getenv(key.toUpperCase().replace('.', '_'));
        };
        String dir = settings.apply("voxclone.model.dir");
        String precision = settings.apply("voxclone.model.precision");
        String url = settings.apply("voxclone.model.url");
        ModelVariant variant = new ModelVariant(precision == null ? ModelPrecision.FP32 : ModelPrecision.parse(precision),
                settings.apply("voxclone.model.decoder"));
        ModelStore store = new ModelStore(Path.of(dir == null ? DEFAULT_MODEL_DIR : dir), variant, url == null ? null : URI.create(url));
        System.exit(new ModelsCommand(store, System.out).run(args));
    }

    /** Runs one command and returns the process exit code: 0 done, 1 failed, 2 wrong usage. */
    public int run(String[] args) {
        String[] rest = args.length > 0 && args[0].equals("models") ? Arrays.copyOfRange(args, 1, args.length) : args;
        try {
            ModelCheck result;
            if (rest.length == 1 && rest[0].equals("fetch")) {
                result = store.fetch(this::printProgress);
                out.println();
            } else if (rest.length == 2 && rest[0].equals("install")) {
                result = store.install(Path.of(rest[1]));
            } else if (rest.length == 1 && rest[0].equals("verify")) {
                result = store.verify();
            } else {
                out.println("Usage: voxclone models fetch | models install <directory|archive.zip|archive.tar[.gz]> | models verify");
                return 2;
            }
            out.println(result.message());
            return result.ok() ? 0 : 1;
        } catch (IOException e) {
            out.println(e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("Interrupted; run the same command again to resume.");
            return 1;
        }
    }

    private long lastPrinted = -1;

    private void printProgress(String file, long done, long total) {
        long mb = done >> 20;
        if (mb != lastPrinted || done == total) {
            lastPrinted = mb;
            out.print("\r" + file + ": " + mb + (total > 0 ? " / " + (total >> 20) : "") + " MB   ");
        }
    }
}
