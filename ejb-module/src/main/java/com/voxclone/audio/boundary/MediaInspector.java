package com.voxclone.audio.boundary;

import com.voxclone.audio.entity.MediaInfo;
import com.voxclone.audio.entity.MediaLimits;
import com.voxclone.audio.entity.MediaType;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** PLACEHOLDER until the audio pipeline lands. */
@ApplicationScoped
public class MediaInspector {
    public MediaInfo inspect(Path file, MediaLimits limits) {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            return new MediaInfo(MediaType.WAV, g.getLengthInTime() / 1000, g.hasAudio(), g.hasVideo(), g.getSampleRate(), g.getAudioChannels(), "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
