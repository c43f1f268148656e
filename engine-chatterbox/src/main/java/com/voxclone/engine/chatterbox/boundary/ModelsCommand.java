package com.voxclone.engine.chatterbox.boundary;

import com.voxclone.engine.chatterbox.control.ModelStore;
import com.voxclone.engine.chatterbox.entity.ModelCheck;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import com.voxclone.engine.chatterbox.entity.ModelPrecision;
import com.voxclone.engine.chatterbox.entity.ModelVariant;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code voxclone models fetch [model] | install <dir|archive> [model] | verify [model]}: manages a Chatterbox model's
 * directory ({@code chatterbox} or {@code chatterbox-turbo}; by default the node's {@code VOXCLONE_MODEL}). Reads the
 * same settings as the server: {@code voxclone.model} / {@code VOXCLONE_MODEL}, {@code voxclone.models.dir} /
 * {@code VOXCLONE_MODELS_DIR} (each model in a folder named by its id), {@code voxclone.model.dir} /
 * {@code VOXCLONE_MODEL_DIR} (one model's folder, instead), {@code voxclone.model.precision} /
 * {@code VOXCLONE_MODEL_PRECISION}, {@code voxclone.model.decoder} / {@code VOXCLONE_MODEL_DECODER},
 * {@code voxclone.model.url} / {@code VOXCLONE_MODEL_URL} (by default the model's published release), system property
 * first, then environment.
 */
public final class ModelsCommand {

    public static final String DEFAULT_MODELS_DIR = "data/models";
    private static final String USAGE = "Usage: voxclone models fetch [model] | models install <directory|archive.zip|archive.tar[.gz]> [model]"
            + " | models verify [model]; the models are " + ModelFamily.ids();

    private final Function<ModelFamily, ModelStore> stores;
    private final ModelFamily defaultModel;
    private final PrintStream out;

    public ModelsCommand(Function<ModelFamily, ModelStore> stores, ModelFamily defaultModel, PrintStream out) {
        this.stores = stores;
        this.defaultModel = defaultModel;
        this.out = out;
    }

    /** A command for one model's store, whatever model is named. */
    public ModelsCommand(ModelStore store, PrintStream out) {
        this(family -> store, ModelFamily.ORIGINAL, out);
    }

    /** A model's folder: {@code modelDir} when set (one model's folder), otherwise {@code modelsDir/<model id>}. */
    public static Path modelDir(Optional<String> modelDir, String modelsDir, ModelFamily model) {
        return modelDir.filter(d -> !d.isBlank()).map(Path::of).orElseGet(() -> Path.of(modelsDir).resolve(model.id()));
    }

    public static void main(String[] args) {
        Function<String, String> settings = key -> {
            String value = System.getProperty(key);
            return value != null ? value : System.getenv(key.toUpperCase().replace('.', '_'));
        };
        String dir = settings.apply("voxclone.model.dir");
        String modelsDir = settings.apply("voxclone.models.dir");
        String precision = settings.apply("voxclone.model.precision");
        String url = settings.apply("voxclone.model.url");
        String model = settings.apply("voxclone.model");
        ModelFamily defaultModel;
        try {
            defaultModel = model == null || model.isBlank() ? ModelFamily.ORIGINAL : ModelFamily.byId(model.trim());
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage() + " (VOXCLONE_MODEL).");
            System.exit(2);
            return;
        }
        ModelVariant variant = new ModelVariant(precision == null ? ModelPrecision.FP32 : ModelPrecision.parse(precision),
                settings.apply("voxclone.model.decoder"));
        Function<ModelFamily, ModelStore> stores = family -> new ModelStore(
                modelDir(Optional.ofNullable(dir), modelsDir == null ? DEFAULT_MODELS_DIR : modelsDir, family), variant,
                url == null ? family.defaultUrl() : URI.create(url));
        System.exit(new ModelsCommand(stores, defaultModel, System.out).run(args));
    }

    /** Runs one command and returns the process exit code: 0 done, 1 failed, 2 wrong usage. */
    public int run(String[] args) {
        String[] rest = args.length > 0 && args[0].equals("models") ? Arrays.copyOfRange(args, 1, args.length) : args;
        String command = rest.length > 0 ? rest[0] : "";
        int operands = command.equals("install") ? 1 : 0;
        if (!List.of("fetch", "install", "verify").contains(command) || rest.length < 1 + operands || rest.length > 2 + operands) {
            out.println(USAGE);
            return 2;
        }
        ModelFamily model;
        try {
            model = rest.length == 2 + operands ? ModelFamily.byId(rest[1 + operands]) : defaultModel;
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        ModelStore store = stores.apply(model);
        try {
            ModelCheck result = switch (command) {
                case "fetch" -> {
                    ModelCheck fetched = store.fetch(this::printProgress);
                    out.println();
                    yield fetched;
                }
                case "install" -> store.install(Path.of(rest[1]));
                default -> store.verify();
            };
            out.println(model.id() + ": " + result.message(model.id()));
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
