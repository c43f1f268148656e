package com.voxclone.speech.entity;

import com.voxclone.audio.entity.OutputFormat;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.platform.entity.Violation;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A speech request in the shape OpenAI clients send ({@code model}, {@code input}, {@code voice}, {@code response_format},
 * {@code speed}, {@code instructions}, {@code stream_format}) with VoxClone's own settings beside them
 * ({@code exaggeration}, {@code cfg_weight}, {@code temperature}, {@code seed}, {@code language}, {@code stream}).
 * Fields it does not know are ignored, as clients may send more.
 *
 * @param settings the request's own voice settings, as {@link VoiceSettings#parse} fields; applied over the voice's
 * @param tempo    how much faster (above 1) or slower the speech is played, without changing its pitch
 * @param stream   whether audio leaves as it is made ({@code true}, the default) or as one complete file
 */
public record SpeechParameters(String model, String input, String voice, OutputFormat format, double tempo,
                               String instructions, boolean sse, boolean stream, Map<String, String> settings) {

    public static final double MIN_SPEED = 0.25;
    public static final double MAX_SPEED = 4.0;
    public static final int MAX_INSTRUCTIONS = 4096;

    /** The request, or every violation in it at once. */
    public static Parsed parse(JsonObject body, int maxInput) {
        List<Violation> problems = new ArrayList<>();
        if (body == null) {
            problems.add(new Violation("input", "the request needs a JSON body with model, input and voice"));
            return new Parsed(null, problems);
        }
        // Any other name than the aliases names a model of VoxClone's own, checked against the workers' models.
        String model = text(body, "model", problems, true);
        String input = text(body, "input", problems, true);
        if (input != null && input.codePointCount(0, input.length()) > maxInput) {
            problems.add(new Violation("input", "input must be at most " + maxInput + " characters, was "
                    + input.codePointCount(0, input.length())));
        }
        String voice = text(body, "voice", problems, true);
        String formatName = text(body, "response_format", problems, false);
        OutputFormat format = formatName == null ? OutputFormat.MP3 : OutputFormat.of(formatName).orElse(null);
        if (format == null) {
            problems.add(new Violation("response_format", "response_format must be one of " + OutputFormat.ids()
                    + ", was '" + formatName + "'"));
        }
        double speed = number(body, "speed", 1.0, problems);
        if (speed < MIN_SPEED || speed > MAX_SPEED) {
            problems.add(new Violation("speed", "speed must be between " + MIN_SPEED + " and " + MAX_SPEED + ", was " + speed));
        }
        String instructions = text(body, "instructions", problems, false);
        if (instructions != null && instructions.length() > MAX_INSTRUCTIONS) {
            problems.add(new Violation("instructions", "instructions must be at most " + MAX_INSTRUCTIONS + " characters"));
        }
        String streamFormat = text(body, "stream_format", problems, false);
        if (streamFormat != null && !streamFormat.equals("audio") && !streamFormat.equals("sse")) {
            problems.add(new Violation("stream_format", "stream_format must be 'audio' or 'sse', was '" + streamFormat + "'"));
        }
        String language = text(body, "language", problems, false);
        boolean stream = !(body.get("stream") == JsonValue.FALSE);
        Map<String, String> settings = new HashMap<>();
        if (language != null) {
            // Checked with the voice settings: one rule for every way in.
            settings.put(VoiceSettings.LANGUAGE, language);
        }
        for (String[] names : new String[][] {{"exaggeration", VoiceSettings.EXAGGERATION.field()},
                {"cfg_weight", VoiceSettings.CFG_WEIGHT.field()}, {"temperature", VoiceSettings.TEMPERATURE.field()},
                {"seed", "seed"}}) {
            JsonValue v = body.get(names[0]);
            if (v instanceof JsonNumber n) {
                settings.put(names[1], n.toString());
            } else if (v != null && v != JsonValue.NULL) {
                problems.add(new Violation(names[0], names[0] + " must be a number, was " + v));
            }
        }
        // The ranges are the voice settings' own; named as this request names them.
        VoiceSettings.parse(settings, VoiceSettings.defaults()).violations().forEach(v -> problems.add(
                new Violation(v.field().equals(VoiceSettings.CFG_WEIGHT.field()) ? "cfg_weight" : v.field(), v.message())));
        return new Parsed(problems.isEmpty() ? new SpeechParameters(model, input, voice, format, speed, instructions,
                "sse".equals(streamFormat), stream, settings) : null, problems);
    }

    public record Parsed(SpeechParameters parameters, List<Violation> violations) {
    }

    /** The model of VoxClone's own the request names; null for the aliases, which speak with the voice's own model. */
    public String voiceModel() {
        return SpeechModels.known(model) ? null : model;
    }

    private static String text(JsonObject body, String field, List<Violation> problems, boolean required) {
        JsonValue v = body.get(field);
        if (v == null || v == JsonValue.NULL) {
            if (required) {
                problems.add(new Violation(field, field + " is required"));
            }
            return null;
        }
        if (!(v instanceof JsonString s)) {
            problems.add(new Violation(field, field + " must be a string"));
            return null;
        }
        if (required && s.getString().isBlank()) {
            problems.add(new Violation(field, field + " must not be empty"));
            return null;
        }
        return s.getString();
    }

    private static double number(JsonObject body, String field, double fallback, List<Violation> problems) {
        JsonValue v = body.get(field);
        if (v == null || v == JsonValue.NULL) {
            return fallback;
        }
        if (v instanceof JsonNumber n) {
            return n.doubleValue();
        }
        problems.add(new Violation(field, field + " must be a number, was " + v));
        return fallback;
    }
}
