package com.voxclone.audio.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.platform.entity.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceSegmentTest {

    private static final MediaLimits LIMITS = MediaLimits.defaults();

    private final List<Violation> problems = new ArrayList<>();

    private Optional<SourceSegment> resolve(String start, String end, long recordingMillis) {
        Map<String, String> fields = new HashMap<>();
        if (start != null) {
            fields.put(SourceSegment.START, start);
        }
        if (end != null) {
            fields.put(SourceSegment.END, end);
        }
        SourceSegment.Request request = SourceSegment.read(fields, problems);
        return problems.isEmpty() ? SourceSegment.resolve(request, recordingMillis, LIMITS, problems) : Optional.empty();
    }

    private String fields() {
        return String.join(",", problems.stream().map(Violation::field).toList());
    }

    @Test
    void noFieldsMeansTheWholeRecording() {
        assertEquals(Optional.empty(), resolve(null, " ", 10_000));
        assertTrue(problems.isEmpty());
    }

    @Test
    void bothBoundariesInSecondsWithFractions() {
        assertEquals(Optional.of(new SourceSegment(1_250, 7_500)), resolve("1.25", "7.5", 10_000));
    }

    @Test
    void aMissingBoundaryIsTheStartOrTheEndOfTheRecording() {
        assertEquals(Optional.of(new SourceSegment(0, 4_000)), resolve(null, "4", 10_000));
        assertEquals(Optional.of(new SourceSegment(6_000, 10_000)), resolve("6", null, 10_000));
    }

    @Test
    void anEndJustPastTheRecordingIsItsEnd() {
        // The browser measured 10.05 s where FFmpeg measures 10.00 s.
        assertEquals(Optional.of(new SourceSegment(5_000, 10_000)), resolve("5", "10.05", 10_000));
    }

    @Test
    void notANumberOrNegativeIsRefusedWithTheAllowedForm() {
        resolve("abc", "-1", 10_000);
        assertEquals("segmentStart,segmentEnd", fields());
        assertTrue(problems.get(0).message().contains("number of seconds"), problems.get(0).message());
    }

    @Test
    void boundariesOutsideTheRecordingNameItsLength() {
        resolve("12", "20", 10_000);
        assertEquals("segmentStart,segmentEnd", fields());
        assertTrue(problems.get(1).message().contains("10 s long"), problems.get(1).message());
    }

    @Test
    void tooShortOrBackwardsSegmentsAreRefused() {
        resolve("3", "4.5", 10_000);
        assertEquals("segmentEnd", fields());
        assertTrue(problems.get(0).message().contains("at least 2 s"), problems.get(0).message());
        problems.clear();
        resolve("8", "2", 10_000);
        assertEquals("segmentEnd", fields());
    }

    @Test
    void longerThanTheLimitIsRefused() {
        resolve("0", "400", 400_000);
        assertTrue(problems.get(0).message().contains("at most 300 s"), problems.get(0).message());
    }

    @Test
    void cutsTheSamplesOfTheSegment() {
        float[] samples = new float[24_000 * 4];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i / (float) samples.length;
        }
        PcmAudio part = new SourceSegment(1_000, 3_500).of(new PcmAudio(samples, 24_000));
        assertEquals(2_500, part.durationMillis());
        assertEquals(samples[24_000], part.samples()[0]);
        // Past the end: clamped to what there is.
        assertEquals(1_000, new SourceSegment(3_000, 9_000).of(new PcmAudio(samples, 24_000)).durationMillis());
    }
}
