package com.voxclone.audio.entity;

import com.voxclone.platform.entity.Violation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of a recording a voice is learnt from, so that a longer recording with music, applause or another speaker
 * can still be used. Given in the form fields {@value #START} and {@value #END}, in seconds; either may be left out
 * (start of the recording, end of the recording).
 */
public record SourceSegment(long startMillis, long endMillis) {

    public static final String START = "segmentStart";
    public static final String END = "segmentEnd";
    /** Boundaries closer than this to the recording's end are the end (browsers and FFmpeg round lengths differently). */
    static final long END_TOLERANCE_MILLIS = 100;

    public SourceSegment {
        if (startMillis < 0 || endMillis <= startMillis) {
            throw new IllegalArgumentException("a segment needs 0 <= start < end, was " + startMillis + " to " + endMillis);
        }
    }

    public long durationMillis() {
        return endMillis - startMillis;
    }

    /** The samples of {@code audio} inside this segment (clamped to the audio's length). */
    public PcmAudio of(PcmAudio audio) {
        int from = (int) Math.min(audio.samples().length, startMillis * audio.sampleRate() / 1000);
        int to = (int) Math.min(audio.samples().length, endMillis * audio.sampleRate() / 1000);
        return audio.slice(from, Math.max(from, to));
    }

    /** The two boundaries as asked for, before the recording's length is known; absent ones are null. */
    public record Request(BigDecimal start, BigDecimal end) {

        public boolean isEmpty() {
            return start == null && end == null;
        }
    }

    /** Reads the optional fields; each one that is not a non-negative number of seconds is a violation. */
    public static Request read(Map<String, String> fields, List<Violation> problems) {
        return new Request(seconds(fields, START, problems), seconds(fields, END, problems));
    }

    /**
     * The segment of a recording {@code recordingMillis} long, or empty for the whole recording; every problem
     * (outside the recording, start after end, shorter or longer than {@code limits} allow) is added to
     * {@code problems}.
     */
    public static Optional<SourceSegment> resolve(Request request, long recordingMillis, MediaLimits limits,
            List<Violation> problems) {
        if (request.isEmpty()) {
            return Optional.empty();
        }
        String length = "the recording is " + seconds(recordingMillis) + " s long";
        long start = request.start() == null ? 0 : millis(request.start());
        long end = request.end() == null ? recordingMillis : millis(request.end());
        int before = problems.size();
        if (start >= recordingMillis) {
            problems.add(new Violation(START, START + " must be before the end of the recording (" + length + ")"));
        }
        if (end > recordingMillis + END_TOLERANCE_MILLIS) {
            problems.add(new Violation(END, END + " must be at most " + seconds(recordingMillis) + " s (" + length + ")"));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        end = Math.min(end, recordingMillis);
        long min = limits.minDuration().toMillis();
        long max = limits.maxDuration().toMillis();
        if (end - start < min) {
            problems.add(new Violation(END, "the segment from " + START + " to " + END + " must be at least "
                    + seconds(min) + " s long, was " + seconds(Math.max(0, end - start)) + " s"));
        } else if (end - start > max) {
            problems.add(new Violation(END, "the segment from " + START + " to " + END + " must be at most "
                    + seconds(max) + " s long, was " + seconds(end - start) + " s"));
        }
        return problems.size() > before ? Optional.empty() : Optional.of(new SourceSegment(start, end));
    }

    private static BigDecimal seconds(Map<String, String> fields, String name, List<Violation> problems) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.strip());
            if (seconds.signum() >= 0 && seconds.compareTo(BigDecimal.valueOf(86_400)) <= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed form
        }
        problems.add(new Violation(name, name + " must be a number of seconds from 0 (for example 12.5), was '"
                + value.strip() + "'"));
        return null;
    }

    private static long millis(BigDecimal seconds) {
        return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}
