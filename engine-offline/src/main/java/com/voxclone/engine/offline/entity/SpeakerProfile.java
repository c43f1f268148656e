package com.voxclone.engine.offline.entity;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * The measurable properties of a voice that the offline engine learns at enrolment and imposes at synthesis. Stored
 * as JSON fields inside the speaker conditioning ({@link ClonedVoice}).
 *
 * @param speechSeconds      seconds of detected speech the profile was measured on
 * @param voicedSeconds      seconds with a pitch (the weight of the pitch and formant values when combining)
 * @param f0MedianHz         median fundamental frequency
 * @param f0LowHz            10th percentile of F0
 * @param f0HighHz           90th percentile of F0
 * @param f0StdSemitones     spread of F0 around its median, in semitones
 * @param formantsHz         median F1, F2, F3; null when they could not be measured
 * @param ltasDb             long-term average spectrum on the analyser's mel bands, dB, mean 0
 * @param tiltDbPerOctave    slope of the long-term spectrum
 * @param syllablesPerSecond speaking rate
 * @param loudnessDb         RMS level of the speech frames, dB full scale
 */
public record SpeakerProfile(double speechSeconds, double voicedSeconds, double f0MedianHz, double f0LowHz, double f0HighHz,
                             double f0StdSemitones, double[] formantsHz, double[] ltasDb, double tiltDbPerOctave,
                             double syllablesPerSecond, double loudnessDb) {

    /** F0 range from the 10th to the 90th percentile, in semitones. */
    public double f0RangeSemitones() {
        return 12 * Math.log(f0HighHz / f0LowHz) / Math.log(2);
    }

    /** The profile's fields, to be written into a larger JSON object. */
    public JsonObjectBuilder toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("speechSeconds", speechSeconds)
                .add("voicedSeconds", voicedSeconds)
                .add("f0MedianHz", f0MedianHz)
                .add("f0LowHz", f0LowHz)
                .add("f0HighHz", f0HighHz)
                .add("f0StdSemitones", f0StdSemitones)
                .add("ltasDb", array(ltasDb))
                .add("tiltDbPerOctave", tiltDbPerOctave)
                .add("syllablesPerSecond", syllablesPerSecond)
                .add("loudnessDb", loudnessDb);
        if (formantsHz != null) {
            b.add("formantsHz", array(formantsHz));
        }
        return b;
    }

    /**
     * Reads the fields written by {@link #toJson()}; other fields are ignored.
     *
     * @throws IllegalArgumentException when a field is missing or of the wrong type
     */
    public static SpeakerProfile fromJson(JsonObject o) {
        try {
            return new SpeakerProfile(o.getJsonNumber("speechSeconds").doubleValue(),
                    o.getJsonNumber("voicedSeconds").doubleValue(),
                    o.getJsonNumber("f0MedianHz").doubleValue(),
                    o.getJsonNumber("f0LowHz").doubleValue(),
                    o.getJsonNumber("f0HighHz").doubleValue(),
                    o.getJsonNumber("f0StdSemitones").doubleValue(),
                    o.containsKey("formantsHz") && o.get("formantsHz").getValueType() == JsonValue.ValueType.ARRAY
                            ? doubles(o.getJsonArray("formantsHz")) : null,
                    doubles(o.getJsonArray("ltasDb")),
                    o.getJsonNumber("tiltDbPerOctave").doubleValue(),
                    o.getJsonNumber("syllablesPerSecond").doubleValue(),
                    o.getJsonNumber("loudnessDb").doubleValue());
        } catch (NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException("the stored voice analysis is incomplete", e);
        }
    }

    private static JsonArrayBuilder array(double[] values) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        for (double v : values) {
            b.add(v);
        }
        return b;
    }

    private static double[] doubles(JsonArray array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.getJsonNumber(i).doubleValue();
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpeakerProfile p && p.toJson().build().equals(toJson().build());
    }

    @Override
    public int hashCode() {
        return toJson().build().hashCode();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "SpeakerProfile[F0 median %.1f Hz (%.1f-%.1f, sd %.2f st), formants %s, tilt %.2f dB/oct, %.2f syl/s, %.1f dBFS, %.1f s speech]",
                f0MedianHz, f0LowHz, f0HighHz, f0StdSemitones, Arrays.toString(formantsHz), tiltDbPerOctave,
                syllablesPerSecond, loudnessDb, speechSeconds);
    }
}
