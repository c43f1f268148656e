package com.voxclone.worker.boundary;

import com.voxclone.engine.entity.EngineDescriptor;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.platform.boundary.InvalidInputException;
import com.voxclone.platform.entity.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which model a job or a request runs on: the one it names, if a worker holds it; otherwise the voice's own, or for a
 * new voice the deployment's default. The models on offer are those the worker nodes reported holding (within
 * {@link WorkerRegistry#OFFER}) and the default, which is always accepted: its requests wait in the queue until a worker
 * that holds it is up.
 */
@ApplicationScoped
public class ModelChoice {

    public static final String FIELD = "model";

    /** Names the settings the model that spoke does not use (comma-separated); absent when there are none. */
    public static final String IGNORED_SETTINGS_HEADER = "X-Ignored-Settings";

    @Inject
    WorkerRegistry workers;

    /** {@code VOXCLONE_DEFAULT_MODEL}: for web nodes whose own engine settings do not name the workers' model. */
    @Inject
    @ConfigProperty(name = "voxclone.default-model")
    Optional<String> configuredDefault;

    @Inject
    @ConfigProperty(name = EngineDescriptor.NODE_MODEL_SETTING, defaultValue = "offline")
    String nodeModel;

    public String deploymentDefault() {
        return configuredDefault.filter(m -> !m.isBlank()).map(String::strip).orElse(nodeModel);
    }

    /** The models requests may name now, by id. */
    public List<String> onOffer() {
        TreeSet<String> models = new TreeSet<>(workers.modelsOnOffer());
        models.add(deploymentDefault());
        return List.copyOf(models);
    }

    /** The model for a new voice: {@code requested} when on offer, else the deployment's default. */
    public String forNewVoice(String requested, String field, List<Violation> problems) {
        return named(requested) ? checked(requested, onOffer(), field, null, problems) : deploymentDefault();
    }

    /**
     * The model for work on a voice whose own model is {@code voiceModel}: {@code requested} when on offer; without
     * one, the voice's own while a worker holds it, else the deployment's default (which enrols the voice again).
     *
     * @throws InvalidInputException naming the models on offer when {@code requested} is not one of them
     */
    public String forVoice(String requested, String voiceModel) {
        return forVoice(requested, voiceModel, null);
    }

    /** As {@link #forVoice(String, String)}, where the request may also name {@code otherNames} (for the error). */
    public String forVoice(String requested, String voiceModel, String otherNames) {
        List<String> offered = onOffer();
        if (!named(requested)) {
            return voiceModel != null && offered.contains(voiceModel) ? voiceModel : deploymentDefault();
        }
        List<Violation> problems = new ArrayList<>();
        String model = checked(requested, offered, FIELD, otherNames, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return model;
    }

    /**
     * Refuses settings whose language {@code model} does not speak.
     *
     * @throws InvalidInputException saying which languages the model speaks
     */
    public static void requireSpeaks(String model, VoiceSettings settings) {
        settings.languageProblem(model).ifPresent(problem -> {
            throw new InvalidInputException(List.of(problem));
        });
    }

    /** {@code response} with {@link #IGNORED_SETTINGS_HEADER} when {@code model} ignores some of {@code settings}. */
    public static Response reportingIgnored(Response response, VoiceSettings settings, String model) {
        List<String> ignored = settings.ignoredBy(model);
        return ignored.isEmpty() ? response
                : Response.fromResponse(response).header(IGNORED_SETTINGS_HEADER, String.join(", ", ignored)).build();
    }

    private static boolean named(String requested) {
        return requested != null && !requested.isBlank();
    }

    /** {@code requested} when on offer; otherwise null, with the problem added naming the models on offer. */
    private static String checked(String requested, List<String> offered, String field, String otherNames, List<Violation> problems) {
        String model = requested.strip();
        if (!offered.contains(model)) {
            problems.add(new Violation(field, "model must be one the workers here hold: " + String.join(", ", offered)
                    + (otherNames == null ? "" : ", or " + otherNames) + "; was '" + model + "'"));
            return null;
        }
        return model;
    }
}
