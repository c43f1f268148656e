package com.voxclone.audio.boundary;

import com.voxclone.audio.control.AudioGrabbers;
import com.voxclone.audio.entity.MediaInfo;
import com.voxclone.audio.entity.MediaLimits;
import com.voxclone.audio.entity.MediaType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides whether an upload can be a voice sample, before anything is stored or queued: size, real
 * format (from the bytes), readability, presence of audio and duration. The file is read by FFmpeg
 * from disk; only its first bytes are loaded into the heap.
 *
 * <p>The duration is taken from the container header where that header is exact (sample tables,
 * STREAMINFO, data chunk sizes, Xing headers). It is counted by decoding the audio instead when FFmpeg
 * would only estimate it from the bitrate (MP3 without a Xing header), when the header lacks it, and
 * always for AVI and WebM, whose headers are often wrong or missing (AVI audio stream lengths in the
 * wrong unit, WebM from browser recorders without a Duration). Counting stops shortly after the
 * maximum, so long files cost bounded work.
 */
@ApplicationScoped
public class MediaInspector {

    /** Enough to look past a typical ID3 tag (FLAC files occasionally carry one). */
    private static final int HEAD_BYTES = 64 * 1024;
    /** Encoder padding can shift a duration by a few tens of ms; a "2 s" recording must not fail for it. */
    private static final double DURATION_TOLERANCE_SECONDS = 0.05;
    /** How far past the maximum decoding continues when the container gives no reliable duration. */
    private static final double OVERRUN_SECONDS = 1.0;

    private static final Set<MediaType> HEADER_DURATION_UNTRUSTED = EnumSet.of(MediaType.AVI, MediaType.WEBM);

    private final MediaLimits limits;

    public MediaInspector() {
        this(MediaLimits.defaults());
    }

    public MediaInspector(MediaLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Inject
    public MediaInspector(@ConfigProperty(name = "voxclone.media.max-bytes", defaultValue = "52428800") long maxBytes,
                          @ConfigProperty(name = "voxclone.media.min-duration", defaultValue = "PT2S") Duration minDuration,
                          @ConfigProperty(name = "voxclone.media.max-duration", defaultValue = "PT5M") Duration maxDuration) {
        this(new MediaLimits(maxBytes, minDuration, maxDuration));
    }

    /** The configured limits. */
    public MediaLimits limits() {
        return limits;
    }

    /** Inspects against the configured limits. */
    public MediaInfo inspect(Path file) {
        return inspect(file, limits);
    }

    /**
     * @throws MediaRejectedException with the precise reason when the file cannot be used
     * @throws UncheckedIOException   when the file itself cannot be read from disk
     */
    public MediaInfo inspect(Path file, MediaLimits limits) {
        long size = sizeOf(file);
        if (size == 0) {
            throw MediaRejectedException.empty();
        }
        if (size > limits.maxBytes()) {
            throw MediaRejectedException.tooLarge(size, limits.maxBytes());
        }
        MediaType type = MediaType.sniff(head(file)).orElseThrow(MediaRejectedException::unsupportedType);

        MediaInfo info = probe(file, type, limits);
        double seconds = info.durationSeconds();
        if (seconds + DURATION_TOLERANCE_SECONDS < seconds(limits.minDuration())) {
            throw MediaRejectedException.tooShort(seconds, limits);
        }
        if (seconds - DURATION_TOLERANCE_SECONDS > seconds(limits.maxDuration())) {
            throw MediaRejectedException.tooLong(seconds, limits);
        }
        return info;
    }

    private static MediaInfo probe(Path file, MediaType type, MediaLimits limits) {
        // mono float at the native rate: each decoded frame's buffer length is its sample count
        try (FFmpegFrameGrabber grabber = AudioGrabbers.open(file, g -> {
            g.setAudioChannels(1);
            g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
        })) {
            if (!grabber.hasAudio()) {
                throw MediaRejectedException.noAudio(type);
            }
            AVFormatContext format = grabber.getFormatContext();
            AVStream stream = format.streams(grabber.getAudioStream());
            AVCodecParameters codec = stream.codecpar();
            int rate = codec.sample_rate();
            double containerSeconds = containerSeconds(format, stream);
            boolean reliable = containerSeconds > 0 && !HEADER_DURATION_UNTRUSTED.contains(type)
                    && format.duration_estimation_method() != avformat.AVFMT_DURATION_FROM_BITRATE;

            double stopAfter = reliable ? 0 : seconds(limits.maxDuration()) + OVERRUN_SECONDS;
            double decodedSeconds = decodedSeconds(grabber, rate, stopAfter);
            if (decodedSeconds == 0) {
                throw MediaRejectedException.undecodable(type, null);
            }
            if (!reliable && decodedSeconds > stopAfter) {
                // stopped early; a bitrate estimate still says more about the real length than the count
                boolean estimated = containerSeconds > decodedSeconds && !HEADER_DURATION_UNTRUSTED.contains(type);
                throw estimated ? MediaRejectedException.tooLong(containerSeconds, limits)
                        : MediaRejectedException.tooLongAtLeast(decodedSeconds, limits);
            }
            if (reliable && containerSeconds <= seconds(limits.maxDuration())
                    && !boundedBySize(file, codec, seconds(limits.maxDuration()) + OVERRUN_SECONDS)) {
                // An exact-looking header can still lie (a constant-frame FLAC whose STREAMINFO says seconds, chained
                // Ogg): the audio packets, read without decoding, show whether the file goes on past the limit.
                double packets = audioPacketSeconds(grabber, stream, seconds(limits.maxDuration()) + OVERRUN_SECONDS);
                if (packets > seconds(limits.maxDuration()) + OVERRUN_SECONDS) {
                    throw MediaRejectedException.tooLongAtLeast(packets, limits);
                }
            }
            double seconds = reliable ? containerSeconds : decodedSeconds;
            return new MediaInfo(type, Math.round(seconds * 1000), true, grabber.hasVideo(), rate,
                    codec.ch_layout().nb_channels(), avcodec.avcodec_get_name(codec.codec_id()).getString());
        } catch (MediaRejectedException e) {
            throw e;
        } catch (Exception e) {
            throw MediaRejectedException.undecodable(type, e);
        }
    }

    /**
     * Whether the file cannot hold more than {@code seconds} of audio whatever its header says: uncompressed PCM takes a
     * fixed number of bytes per second, so a file that is small enough needs no walk through its packets (a 5 MB WAV is
     * checked at once instead of read to its end).
     */
    private static boolean boundedBySize(Path file, AVCodecParameters codec, double seconds) {
        int bits = avcodec.av_get_bits_per_sample(codec.codec_id());
        double bytesPerSecond = codec.sample_rate() * (double) codec.ch_layout().nb_channels() * bits / 8;
        return bits > 0 && bytesPerSecond > 0 && sizeOf(file) / bytesPerSecond <= seconds;
    }

    /** Seconds of audio decoded until the end, or until just past {@code stopAfter} (0: the first frame). */
    private static double decodedSeconds(FFmpegFrameGrabber grabber, int rate, double stopAfter) throws Exception {
        long samples = 0;
        long limit = (long) Math.ceil(stopAfter * rate);
        Frame frame;
        while ((frame = grabber.grabSamples()) != null) {
            if (frame.samples != null && frame.samples.length > 0) {
                samples += ((FloatBuffer) frame.samples[0]).remaining();
                if (samples > limit) {
                    break;
                }
            }
        }
        return samples / (double) rate;
    }

    /**
     * Seconds of audio in the packets still to come, read from the container without decoding, until the end or just
     * past {@code stopAfter}. A packet without a duration counts as the gap to the next one's timestamp.
     */
    private static double audioPacketSeconds(FFmpegFrameGrabber grabber, AVStream stream, double stopAfter) throws Exception {
        double timeBase = avutil.av_q2d(stream.time_base());
        int index = stream.index();
        double seconds = 0;
        long lastPts = avutil.AV_NOPTS_VALUE;
        AVPacket packet;
        while (seconds <= stopAfter && (packet = grabber.grabPacket()) != null) {
            try {
                if (packet.stream_index() != index) {
                    continue;
                }
                if (packet.duration() > 0) {
                    seconds += packet.duration() * timeBase;
                } else if (packet.pts() != avutil.AV_NOPTS_VALUE) {
                    if (lastPts != avutil.AV_NOPTS_VALUE && packet.pts() > lastPts) {
                        seconds += (packet.pts() - lastPts) * timeBase;
                    }
                    lastPts = packet.pts();
                }
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
        return seconds;
    }

    /** The audio stream's own duration, else the container's; 0 when neither is known. */
    private static double containerSeconds(AVFormatContext format, AVStream stream) {
        if (stream.duration() != avutil.AV_NOPTS_VALUE && stream.duration() > 0) {
            return stream.duration() * avutil.av_q2d(stream.time_base());
        }
        if (format.duration() != avutil.AV_NOPTS_VALUE && format.duration() > 0) {
            return format.duration() / (double) avutil.AV_TIME_BASE;
        }
        return 0;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file " + file.getFileName(), e);
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file " + file.getFileName(), e);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
