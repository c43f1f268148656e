package com.voxclone.audio.boundary;

import com.voxclone.audio.control.AudioDecoder;
import com.voxclone.audio.control.AudioEncoder;
import com.voxclone.audio.control.ReferenceNormalizer;
import com.voxclone.audio.control.WavCodec;
import com.voxclone.audio.entity.MediaLimits;
import com.voxclone.audio.entity.MediaType;
import com.voxclone.audio.entity.NormalizationTarget;
import com.voxclone.audio.entity.NormalizedAudio;
import com.voxclone.audio.entity.OutputFormat;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.audio.entity.SourceSegment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.javacv.FrameGrabber;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The in-process audio pipeline: decoding any accepted upload (audio or video) with FFmpeg, turning it
 * into the 24 kHz mono voice reference the engines use, and encoding audio for storage and playback.
 *
 * <p>Voice references are normalised to <b>-27 LUFS</b> integrated loudness (ITU-R BS.1770-4 with
 * K-weighting and gating; the level Chatterbox normalises its prompts to) with the <b>sample peak at
 * or below -1 dBFS</b>; when the peak ceiling would be exceeded the gain is reduced rather than the
 * signal limited, so such a reference ends up quieter than the target. Leading and trailing silence is
 * trimmed with a 150 ms margin. All three are configurable
 * ({@code voxclone.audio.reference-loudness-lufs}, {@code voxclone.audio.peak-ceiling-dbfs},
 * {@code voxclone.audio.silence-margin-seconds}).
 */
@ApplicationScoped
public class AudioPipeline {

    /** How far past the longest allowed recording decoding goes before it stops and refuses the file. */
    private static final double OVERRUN_SECONDS = 1.0;

    AudioDecoder decoder = new AudioDecoder();
    private final AudioEncoder encoder = new AudioEncoder();
    private final WavCodec wav = new WavCodec();
    private final ReferenceNormalizer normalizer;
    private final MediaLimits limits;

    public AudioPipeline() {
        this(NormalizationTarget.defaults(), MediaLimits.defaults());
    }

    public AudioPipeline(NormalizationTarget target) {
        this(target, MediaLimits.defaults());
    }

    public AudioPipeline(NormalizationTarget target, MediaLimits limits) {
        this.normalizer = new ReferenceNormalizer(Objects.requireNonNull(target, "target"));
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Inject
    public AudioPipeline(
            @ConfigProperty(name = "voxclone.audio.reference-loudness-lufs", defaultValue = "-27") double loudnessLufs,
            @ConfigProperty(name = "voxclone.audio.peak-ceiling-dbfs", defaultValue = "-1") double peakCeilingDbfs,
            @ConfigProperty(name = "voxclone.audio.silence-margin-seconds", defaultValue = "0.15") double silenceMarginSeconds,
            @ConfigProperty(name = "voxclone.media.max-bytes", defaultValue = "52428800") long maxBytes,
            @ConfigProperty(name = "voxclone.media.min-duration", defaultValue = "PT2S") Duration minDuration,
            @ConfigProperty(name = "voxclone.media.max-duration", defaultValue = "PT5M") Duration maxDuration) {
        this(new NormalizationTarget(loudnessLufs, peakCeilingDbfs, silenceMarginSeconds),
                new MediaLimits(maxBytes, minDuration, maxDuration));
    }

    /**
     * The audio of {@code file} (its default audio track, also in video files) as mono at
     * {@code targetRate}.
     *
     * @throws MediaRejectedException {@link MediaRejectedException.Reason#NO_AUDIO} or
     *                                {@link MediaRejectedException.Reason#UNDECODABLE}
     */
    public PcmAudio decode(Path file, int targetRate) {
        PcmAudio audio = decodeBounded(file, targetRate);
        if (audio.isEmpty()) {
            throw MediaRejectedException.undecodable(sniff(file), null);
        }
        return audio;
    }

    private PcmAudio decodeBounded(Path file, int targetRate) {
        try {
            return decoder.decode(file, targetRate, limits.maxDuration().toMillis() / 1000.0 + OVERRUN_SECONDS);
        } catch (AudioDecoder.NoAudioException e) {
            throw MediaRejectedException.noAudio(sniff(file));
        } catch (AudioDecoder.TooLongException e) {
            throw MediaRejectedException.tooLongAtLeast(e.decodedSeconds(), limits);
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // A damaged file can make the decoder fail in any way (even a null pointer inside FFmpeg's wrapper):
            // it is the file's fault, so a permanent, readable refusal rather than a retry or an internal error.
            throw MediaRejectedException.undecodable(sniff(file), e);
        }
    }

    /** Decodes {@code file} at {@link PcmAudio#MODEL_RATE} and normalises it (see the class comment). */
    public NormalizedAudio normalizeReference(Path file) {
        return normalizeReference(file, Optional.empty());
    }

    /** Like {@link #normalizeReference(Path)}, on the given part of the recording only. */
    public NormalizedAudio normalizeReference(Path file, Optional<SourceSegment> segment) {
        PcmAudio decoded = decode(file, PcmAudio.MODEL_RATE);
        return normalize(segment.map(s -> s.of(decoded)).orElse(decoded));
    }

    /** Normalises already decoded mono audio (DC, silence, loudness, peak), keeping its rate. */
    public NormalizedAudio normalize(PcmAudio audio) {
        return normalizer.normalize(audio);
    }

    /** 16-bit PCM mono WAV. */
    public byte[] toWav(PcmAudio audio) {
        return wav.encode16(audio);
    }

    /** Reads 16/24-bit PCM or 32-bit float WAV with any number of channels, mixed down to mono. */
    public PcmAudio fromWav(InputStream in) throws IOException {
        return wav.decode(in);
    }

    /** MP3 at 24 kHz mono, 160 kb/s (the MPEG-2 Layer III maximum at that rate); resampled if needed. */
    public void toMp3(PcmAudio audio, OutputStream out) throws IOException {
        encoder.encode(audio, AudioEncoder.MP3, out);
    }

    /** The whole audio as one file in {@code format}, with its exact length in the headers that have one. */
    public void encode(PcmAudio audio, OutputFormat format, OutputStream out) throws IOException {
        switch (format) {
            case WAV -> out.write(wav.encode16(audio));
            case PCM -> out.write(wav.pcm16(audio.samples()));
            default -> encoder.encode(audio, AudioEncoder.of(format), out);
        }
    }

    /**
     * A stream in {@code format} to {@code out}: what is written leaves encoded at once. The audio must be at the
     * model's rate (24 kHz); headers that hold a length say "unknown" (WAV) or leave it out (MP3, FLAC).
     */
    public AudioOutput stream(OutputFormat format, OutputStream out) throws IOException {
        if (format == OutputFormat.WAV || format == OutputFormat.PCM) {
            if (format == OutputFormat.WAV) {
                out.write(wav.streamHeader16(PcmAudio.MODEL_RATE));
            }
            return new AudioOutput() {
                @Override
                public void write(PcmAudio audio) throws IOException {
                    out.write(wav.pcm16(audio.samples()));
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
        }
        return encoder.progressive(AudioEncoder.of(format), out);
    }

    /**
     * Completes a file written by {@link #stream}: a WAV header gets the real sizes. MP3 and FLAC stay as streamed
     * (players read their length from the frames); Opus, AAC and PCM have no length to write.
     */
    public void completeStreamedFile(OutputFormat format, Path file) throws IOException {
        if (format == OutputFormat.WAV) {
            wav.writeSizes(file);
        }
    }

    /** Lossless 16-bit FLAC at the audio's own rate: the stored form of a voice reference. */
    public byte[] toFlac(PcmAudio audio) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            encoder.encode(audio, AudioEncoder.flac(audio.sampleRate()), out);
        } catch (IOException e) {
            throw new UncheckedIOException("FLAC encoding failed", e);
        }
        return out.toByteArray();
    }

    private static MediaType sniff(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return MediaType.sniff(in.readNBytes(MediaType.SNIFF_BYTES)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
