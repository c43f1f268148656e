package com.voxclone.architecture;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How the architecture names things: a business component is a package below {@code com.voxclone} holding
 * {@code boundary}, {@code control} and {@code entity} packages (e.g. {@code com.voxclone.voice}, or
 * {@code com.voxclone.engine.chatterbox} for an engine). The same component may span modules: its shared part in the
 * core, its web part in the web WAR, its worker part in the worker WAR.
 */
final class Components {

    static final String ROOT = "com.voxclone.";

    enum Layer { BOUNDARY, CONTROL, ENTITY }

    record Place(String component, Layer layer) {
    }

    private Components() {
    }

    /** Where a package sits, or empty when it is not inside a component's boundary, control or entity. */
    static Optional<Place> of(String packageName) {
        if (!packageName.startsWith(ROOT)) {
            return Optional.empty();
        }
        String[] parts = packageName.substring(ROOT.length()).split("\\.");
        for (int i = 1; i < parts.length; i++) {
            for (Layer layer : Layer.values()) {
                if (parts[i].equals(layer.name().toLowerCase(Locale.ROOT))) {
                    return Optional.of(new Place(String.join(".", Arrays.copyOf(parts, i)), layer));
                }
            }
        }
        return Optional.empty();
    }
}
