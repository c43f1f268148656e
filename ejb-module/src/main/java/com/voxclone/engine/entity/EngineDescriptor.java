package com.voxclone.engine.entity;

/**
 * What an engine really runs on, as reported in job worker info and the worker status.
 *
 * @param engine            engine id ({@code offline}, {@code chatterbox})
 * @param modelId           the model requests name and jobs are routed by ({@code offline}, {@code chatterbox},
 *                          {@code chatterbox-turbo})
 * @param qualityTier       {@code offline} or {@code high}, shown to users
 * @param model             the model's release or voice set in use, with its version
 * @param executionProvider where inference runs: {@code CPU}, {@code CUDA}, {@code ROCm}, ...
 * @param device            the device, e.g. {@code cpu (2 cores)} or the GPU's name
 */
public record EngineDescriptor(String engine, String modelId, String qualityTier, String model, String executionProvider, String device) {

    /**
     * The setting naming the model this node holds ({@link #modelId()} of its engine). The launcher derives it from
     * {@code VOXCLONE_ENGINE} and {@code VOXCLONE_MODEL} and sets it before the applications deploy, because the
     * workers' message selectors are read then.
     */
    public static final String NODE_MODEL_SETTING = "voxclone.node.model";
}
