package com.voxclone.it;

import com.voxclone.audio.TestMedia;
import com.voxclone.audio.entity.MediaType;
import com.voxclone.audio.entity.PcmAudio;
import java.io.IOException;
import java.nio.file.Path;

/** Recordings for the tests, made on the spot: speech from espeak-ng in the containers users upload. */
public final class Media {

    public static final String SENTENCE = "Good morning. This recording is the reference for a new cloned voice, "
            + "read slowly and clearly so the service can learn how this speaker sounds.";

    private static Path dir;

    private Media() {
    }

    public static synchronized Path dir() throws IOException {
        if (dir == null) {
            dir = TempDirs.createForRun("media");
        }
        return dir;
    }

    public static PcmAudio speech() {
        return TestMedia.espeak(SENTENCE);
    }

    public static Path file(String name, MediaType type, PcmAudio audio) throws IOException {
        return TestMedia.write(dir(), name, TestMedia.spec(type), audio);
    }

    public static Path videoWithoutAudio(String name, double seconds) throws IOException {
        return TestMedia.write(dir(), name, TestMedia.spec(MediaType.MP4).withoutAudio(), TestMedia.silence(seconds, 48_000));
    }
}
