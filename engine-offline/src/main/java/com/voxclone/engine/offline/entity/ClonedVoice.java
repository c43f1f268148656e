package com.voxclone.engine.offline.entity;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the offline engine stores in a voice's speaker conditioning: the reference's profile and the base voice chosen
 * for it at enrolment. JSON, one object with a {@code version} field, the profile's fields and {@code baseVoice}.
 * Format 1 had no base voice (there was only one); it is still read, and the base voice is then chosen when used.
 *
 * @param profile   the reference voice's measurements
 * @param baseVoice name of the base voice chosen at enrolment; null for conditioning of format 1
 */
public record ClonedVoice(SpeakerProfile profile, String baseVoice) {

    /** The format written now. */
    public static final String FORMAT = "offline-analysis/2";
    /** Every format this engine reads. */
    public static final List<String> READABLE_FORMATS = List.of("offline-analysis/1", FORMAT);

    public byte[] toBytes() {
        return profile.toJson().add("version", FORMAT).add("baseVoice", baseVoice).build().toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads conditioning data of any readable format.
     *
     * @throws IllegalArgumentException when the data is not a stored voice of a readable format
     */
    public static ClonedVoice fromBytes(byte[] data) {
        JsonObject o;
        try (var reader = Json.createReader(new StringReader(new String(data, StandardCharsets.UTF_8)))) {
            o = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("the stored voice analysis is not readable JSON", e);
        }
        String version = o.getString("version", "none");
        if (!READABLE_FORMATS.contains(version)) {
            throw new IllegalArgumentException("the stored voice analysis has format " + version + ", this engine reads "
                    + String.join(" and ", READABLE_FORMATS));
        }
        String baseVoice = o.get("baseVoice") instanceof JsonString name ? name.getString() : null;
        if (FORMAT.equals(version) && baseVoice == null) {
            throw new IllegalArgumentException("the stored voice analysis names no base voice");
        }
        return new ClonedVoice(SpeakerProfile.fromJson(o), baseVoice);
    }
}
