package com.voxclone.audio.boundary;

import com.voxclone.audio.entity.MediaLimits;
import com.voxclone.audio.entity.MediaType;
import com.voxclone.platform.entity.Durations;
import java.util.Locale;
import java.util.Objects;

/**
 * An upload that cannot be used as a voice sample. The message is written for the person who uploaded
 * it: what was wrong and what is allowed. {@link #reason()} is precise enough for the web tier to pick
 * the HTTP status (e.g. 413 for {@link Reason#TOO_LARGE}, 415 for {@link Reason#UNSUPPORTED_TYPE},
 * 422 for a file that is readable but unusable, 400 for an empty upload).
 */
public class MediaRejectedException extends RuntimeException {

    public enum Reason { EMPTY, TOO_LARGE, UNSUPPORTED_TYPE, UNDECODABLE, NO_AUDIO, TOO_SHORT, TOO_LONG }

    private final Reason reason;
    private final Double measuredSeconds;
    private final Long measuredBytes;

    private MediaRejectedException(Reason reason, String message, Double measuredSeconds, Long measuredBytes, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.measuredSeconds = measuredSeconds;
        this.measuredBytes = measuredBytes;
    }

    public static MediaRejectedException empty() {
        return new MediaRejectedException(Reason.EMPTY, "The uploaded file is empty; please choose a recording.", null, 0L, null);
    }

    /** The stored recording of an accepted job is gone (its voice was deleted before the job ran). */
    public static MediaRejectedException missing() {
        return new MediaRejectedException(Reason.EMPTY, "The uploaded recording of this job no longer exists.", null, null, null);
    }

    public static MediaRejectedException tooLarge(long bytes, long maxBytes) {
        return new MediaRejectedException(Reason.TOO_LARGE, "The file is " + megabytes(bytes)
                + "; uploads may be at most " + megabytes(maxBytes) + ".", null, bytes, null);
    }

    public static MediaRejectedException unsupportedType() {
        return new MediaRejectedException(Reason.UNSUPPORTED_TYPE,
                "This file is not a supported audio or video format. Allowed formats: " + MediaType.allowedLabels() + ".",
                null, null, null);
    }

    /** @param type the format the bytes announced, or null when not even that is known */
    public static MediaRejectedException undecodable(MediaType type, Throwable cause) {
        String what = type == null ? "The file" : "The file looks like " + type.label() + " but";
        return new MediaRejectedException(Reason.UNDECODABLE, what
                + " could not be read; it may be damaged or incomplete. Please export it again or upload another recording.",
                null, null, cause);
    }

    /** @param type the recognised format, or null when unknown */
    public static MediaRejectedException noAudio(MediaType type) {
        String what = type != null && type.isVideoContainer() ? "The video has no audio track" : "The file contains no audio";
        return new MediaRejectedException(Reason.NO_AUDIO, what + "; please upload a recording in which the voice can be heard.",
                null, null, null);
    }

    public static MediaRejectedException tooShort(double seconds, MediaLimits limits) {
        return new MediaRejectedException(Reason.TOO_SHORT, durationMessage(seconds, limits), seconds, null, null);
    }

    public static MediaRejectedException tooLong(double seconds, MediaLimits limits) {
        return new MediaRejectedException(Reason.TOO_LONG, durationMessage(seconds, limits), seconds, null, null);
    }

    /** Too long, measured only up to {@code seconds} because reading stopped there. */
    public static MediaRejectedException tooLongAtLeast(double seconds, MediaLimits limits) {
        return new MediaRejectedException(Reason.TOO_LONG, "The recording is more than " + Durations.spoken(seconds)
                + " long; voice samples must be between " + Durations.spoken(limits.minDuration()) + " and "
                + Durations.spoken(limits.maxDuration()) + ".", seconds, null, null);
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The measured duration for {@link Reason#TOO_SHORT} / {@link Reason#TOO_LONG} (for very long files
     * possibly a lower bound, which the message then says), otherwise null.
     */
    public Double measuredSeconds() {
        return measuredSeconds;
    }

    /** The measured size for {@link Reason#TOO_LARGE} and {@link Reason#EMPTY}, otherwise null. */
    public Long measuredBytes() {
        return measuredBytes;
    }

    private static String durationMessage(double seconds, MediaLimits limits) {
        return "The recording is " + Durations.spoken(seconds) + " long; voice samples must be between "
                + Durations.spoken(limits.minDuration()) + " and " + Durations.spoken(limits.maxDuration()) + ".";
    }

    /** Sizes in binary megabytes, as file managers show them ("50 MB" for 52,428,800 bytes). */
    static String megabytes(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        return mb == Math.rint(mb) ? (long) mb + " MB" : String.format(Locale.ROOT, "%.1f MB", mb);
    }
}
