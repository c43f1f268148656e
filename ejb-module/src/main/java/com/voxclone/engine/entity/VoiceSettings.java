package com.voxclone.engine.entity;

import com.voxclone.platform.entity.Violation;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The user's voice settings: stored on the job and the profile, sent to the engines, validated in one place.
 *
 * @param exaggeration expressiveness: how far intonation departs from neutral (0.25-2.0)
 * @param cfgWeight    how closely generation follows the text and the voice (0.5-3.0)
 * @param chunkSize    samples per streamed chunk at 24 kHz (512-4096); engines stream in multiples of it
 * @param temperature  randomness of prosody / sampling (0.05-5.0)
 * @param speed        speaking-rate multiplier (0.5-2.0)
 * @param seed         makes synthesis reproducible when set
 * @param language     the language of the text, as an ISO 639-1 code ({@code fr}); null: English
 */
public record VoiceSettings(double exaggeration, double cfgWeight, int chunkSize, double temperature, double speed, Long seed,
                            String language) {

    public static final Range EXAGGERATION = new Range("exaggeration", 0.25, 2.0, 0.5);
    public static final Range CFG_WEIGHT = new Range("cfgWeight", 0.5, 3.0, 0.5);
    public static final Range CHUNK_SIZE = new Range("chunkSize", 512, 4096, 2048);
    public static final Range TEMPERATURE = new Range("temperature", 0.05, 5.0, 0.8);
    public static final Range SPEED = new Range("speed", 0.5, 2.0, 1.0);

    public static final List<Range> RANGES = List.of(EXAGGERATION, CFG_WEIGHT, CHUNK_SIZE, TEMPERATURE, SPEED);

    /** The language a request may name (ISO 639-1, a region allowed: {@code en-GB}). */
    public static final String LANGUAGE = "language";
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2}([-_][A-Za-z0-9]{2,8})*");
    /** What Chatterbox Multilingual speaks: its 23 languages. */
    public static final List<String> MULTILINGUAL_LANGUAGES = List.of("ar", "da", "de", "el", "en", "es", "fi", "fr", "he",
            "hi", "it", "ja", "ko", "ms", "nl", "no", "pl", "pt", "ru", "sv", "sw", "tr", "zh");
    /** The languages each model speaks; a model not listed speaks English only. */
    private static final Map<String, List<String>> LANGUAGES_BY_MODEL = Map.of("chatterbox-multilingual", MULTILINGUAL_LANGUAGES);

    /** Settings as before languages were chosen: English. */
    public VoiceSettings(double exaggeration, double cfgWeight, int chunkSize, double temperature, double speed, Long seed) {
        this(exaggeration, cfgWeight, chunkSize, temperature, speed, seed, null);
    }

    /** Settings a model does not use: Chatterbox Turbo has no exaggeration and no classifier-free guidance. */
    private static final Map<String, List<Range>> UNUSED_BY_MODEL = Map.of("chatterbox-turbo", List.of(EXAGGERATION, CFG_WEIGHT));

    public static VoiceSettings defaults() {
        return new VoiceSettings(EXAGGERATION.defaultValue(), CFG_WEIGHT.defaultValue(), (int) CHUNK_SIZE.defaultValue(),
                TEMPERATURE.defaultValue(), SPEED.defaultValue(), null);
    }

    /** An allowed interval for one numeric setting, with its default. */
    public record Range(String field, double min, double max, double defaultValue) {
        public boolean contains(double value) {
            return !Double.isNaN(value) && value >= min && value <= max;
        }

        public String describe() {
            return field + " must be between " + format(min) + " and " + format(max);
        }

        private static String format(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /**
     * Builds settings from loosely typed input (form fields or JSON), starting from {@code base} for anything
     * not given. Collects every problem rather than stopping at the first.
     */
    public static Result parse(Map<String, String> input, VoiceSettings base) {
        List<Violation> violations = new ArrayList<>();
        double exaggeration = number(input, EXAGGERATION, base.exaggeration, violations);
        double cfgWeight = number(input, CFG_WEIGHT, base.cfgWeight, violations);
        double chunk = number(input, CHUNK_SIZE, base.chunkSize, violations);
        if (input.get(CHUNK_SIZE.field()) != null && chunk != Math.rint(chunk)) {
            violations.add(new Violation(CHUNK_SIZE.field(), "chunkSize must be a whole number between 512 and 4096"));
        }
        double temperature = number(input, TEMPERATURE, base.temperature, violations);
        double speed = number(input, SPEED, base.speed, violations);
        Long seed = base.seed;
        String seedText = input.get("seed");
        if (seedText != null && !seedText.isBlank()) {
            try {
                seed = Long.parseLong(seedText.trim());
            } catch (NumberFormatException e) {
                violations.add(new Violation("seed", "seed must be a whole number, was '" + seedText + "'"));
            }
        }
        String language = base.language;
        String languageText = input.get(LANGUAGE);
        if (languageText != null && !languageText.isBlank()) {
            if (LANGUAGE_TAG.matcher(languageText.strip()).matches()) {
                language = primaryLanguage(languageText);
            } else {
                violations.add(new Violation(LANGUAGE, "language must be a language code such as en, fr or pt-BR, was '"
                        + languageText + "'"));
            }
        }
        VoiceSettings settings = new VoiceSettings(exaggeration, cfgWeight, (int) chunk, temperature, speed, seed, language);
        return new Result(violations.isEmpty() ? settings : null, List.copyOf(violations));
    }

    /**
     * The settings {@code model} does not use although they are set away from their defaults, by field name: reported
     * to the caller rather than dropped without a word.
     */
    public List<String> ignoredBy(String model) {
        return UNUSED_BY_MODEL.getOrDefault(model, List.of()).stream()
                .filter(range -> value(range) != range.defaultValue()).map(Range::field).toList();
    }

    private double value(Range range) {
        return switch (range.field()) {
            case "exaggeration" -> exaggeration;
            case "cfgWeight" -> cfgWeight;
            case "chunkSize" -> chunkSize;
            case "temperature" -> temperature;
            case "speed" -> speed;
            default -> throw new IllegalArgumentException(range.field());
        };
    }

    /** Either valid settings or the list of what was wrong. */
    public record Result(VoiceSettings settings, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /** The language of the text: the one set, else English. */
    public String spokenLanguage() {
        return language == null ? "en" : language;
    }

    /** What is wrong with speaking {@link #spokenLanguage()} with {@code model}, if anything. */
    public Optional<Violation> languageProblem(String model) {
        return languageProblem(spokenLanguage(), model);
    }

    /**
     * What is wrong with speaking {@code languageTag} (as a request gives it; null or invalid: nothing to say here)
     * with {@code model}, if anything: a model that speaks another language is named where it would.
     */
    public static Optional<Violation> languageProblem(String languageTag, String model) {
        if (languageTag == null || languageTag.isBlank() || !LANGUAGE_TAG.matcher(languageTag.strip()).matches()) {
            return Optional.empty();
        }
        String language = primaryLanguage(languageTag);
        List<String> spoken = LANGUAGES_BY_MODEL.getOrDefault(model, List.of("en"));
        if (spoken.contains(language)) {
            return Optional.empty();
        }
        return Optional.of(new Violation(LANGUAGE, "the model " + model + " speaks " + (spoken.size() == 1 ? "English (en) only"
                : String.join(", ", spoken)) + ", not '" + languageTag.strip() + "'"
                + (spoken.size() == 1 && MULTILINGUAL_LANGUAGES.contains(language) ? "; chatterbox-multilingual speaks it" : "")));
    }

    /** "en" for "en", "EN", "en-GB" or "en_us". */
    private static String primaryLanguage(String tag) {
        return tag.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    }

    private static double number(Map<String, String> input, Range range, double fallback, List<Violation> violations) {
        String text = input.get(range.field());
        if (text == null || text.isBlank()) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            violations.add(new Violation(range.field(), range.describe() + ", was '" + text + "'"));
            return fallback;
        }
        if (!range.contains(value)) {
            violations.add(new Violation(range.field(), range.describe() + ", was " + text.trim()));
        }
        return value;
    }

    /** JSON members as text, so that one parser validates form fields and JSON bodies alike. */
    public static Map<String, String> fieldsOf(JsonObject o) {
        Map<String, String> fields = new HashMap<>();
        o.forEach((k, v) -> {
            if (v instanceof JsonNumber n) {
                fields.put(k, n.toString());
            } else if (v instanceof JsonString s) {
                fields.put(k, s.getString());
            } else if (v.getValueType() != JsonValue.ValueType.NULL) {
                fields.put(k, v.toString());
            }
        });
        return fields;
    }

    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("exaggeration", exaggeration)
                .add("cfgWeight", cfgWeight)
                .add("chunkSize", chunkSize)
                .add("temperature", temperature)
                .add("speed", speed);
        if (seed != null) {
            b.add("seed", seed);
        }
        if (language != null) {
            b.add(LANGUAGE, language);
        }
        return b.build();
    }

    public String toJsonString() {
        return toJson().toString();
    }

    /** Reads settings written by {@link #toJson()}; anything missing takes its default. */
    public static VoiceSettings fromJson(String json) {
        if (json == null || json.isBlank()) {
            return defaults();
        }
        try (var reader = Json.createReader(new StringReader(json))) {
            return fromJson(reader.readObject());
        }
    }

    public static VoiceSettings fromJson(JsonObject o) {
        VoiceSettings d = defaults();
        return new VoiceSettings(
                num(o, "exaggeration").orElse(d.exaggeration),
                num(o, "cfgWeight").orElse(d.cfgWeight),
                num(o, "chunkSize").map(Double::intValue).orElse(d.chunkSize),
                num(o, "temperature").orElse(d.temperature),
                num(o, "speed").orElse(d.speed),
                o.containsKey("seed") && o.get("seed").getValueType() == JsonValue.ValueType.NUMBER
                        ? o.getJsonNumber("seed").longValue() : null,
                o.get(LANGUAGE) instanceof JsonString s ? s.getString() : null);
    }

    private static Optional<Double> num(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v instanceof JsonNumber n ? Optional.of(n.doubleValue()) : Optional.empty();
    }
}
