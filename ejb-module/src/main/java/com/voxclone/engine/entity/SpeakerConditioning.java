package com.voxclone.engine.entity;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an engine learned about a speaker at enrolment, serialised by that engine. Stored on the voice profile
 * so synthesis never analyses the reference again. {@code engine} and {@code version} say who can read it:
 * an engine refuses conditioning of another engine or format version, and the voice is re-enrolled.
 *
 * @param engine  engine id, e.g. {@code offline} or {@code chatterbox}
 * @param model   the model requests name, e.g. {@code offline} or {@code chatterbox-turbo}: the voice's own model
 * @param version the engine's conditioning format and model release, e.g. {@code offline-analysis/1}
 * @param data    the engine's own serialised form
 */
public record SpeakerConditioning(String engine, String model, String version, byte[] data) {

    public SpeakerConditioning {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(data, "data");
    }

    /** Conditioning of an engine that runs one model, named like the engine. */
    public SpeakerConditioning(String engine, String version, byte[] data) {
        this(engine, engine, version, data);
    }

    public boolean readableBy(String engineId, String engineVersion) {
        return engine.equals(engineId) && version.equals(engineVersion);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpeakerConditioning c && c.engine.equals(engine) && c.model.equals(model) && c.version.equals(version)
                && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(engine, model, version, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "SpeakerConditioning[" + engine + " " + model + " " + version + ", " + data.length + " bytes]";
    }
}
