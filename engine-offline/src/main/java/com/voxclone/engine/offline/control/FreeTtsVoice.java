package com.voxclone.engine.offline.control;

import com.sun.speech.freetts.OutputQueue;
import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.offline.entity.ProsodyTargets;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;

/**
 * The FreeTTS diphone voice {@code kevin16} (male US English, 16 kHz), created directly from its voice directory so no
 * FreeTTS system properties or global voice manager are involved. It renders in the calling thread into a capturing
 * audio player. FreeTTS shares static utterance-processing objects between voices, and the voice's settings and player
 * are per call, so all instances share one lock.
 *
 * <p>Prosody: FreeTTS maps its intonation model onto {@code pitch + z x pitchRange} (Hz), so scaling the excursions by
 * {@code f0Scale} is a range of {@code 11 Hz x f0Scale} and the mean shift is added to the 100 Hz baseline; phone
 * durations are its duration stretch.
 */
public final class FreeTtsVoice extends LockedBaseVoice<FreeTtsVoice.Rendering> {

    public static final String KEVIN16 = "kevin16";

    /** The voice's own baseline pitch and pitch range (what its voice class sets), in Hz. */
    static final float BASELINE_PITCH_HZ = 100;
    static final float PITCH_RANGE_HZ = 11;

    private static final Object FREETTS_LOCK = new Object();

    /** What one synthesis sets on the voice. */
    record Settings(float pitchHz, float pitchRangeHz, float durationStretch) {
    }

    /** The allocated voice and the player it renders into. */
    record Rendering(Voice voice, CapturingAudioPlayer player) {
    }

    public FreeTtsVoice() {
        super(FREETTS_LOCK);
    }

    @Override
    public String name() {
        return KEVIN16;
    }

    @Override
    public String description() {
        return "FreeTTS 1.2.2 " + KEVIN16;
    }

    /**
     * Never lowered: this male voice's vocal tract is already at the long end of adult voices, and lowering its
     * formants further makes the output both less intelligible and less like low references. A reference measured with
     * lower formants than this voice's mostly reflects what was said (close vowels lower the median F1), not a longer
     * vocal tract.
     */
    @Override
    public double maxFormantLowering(double configured) {
        return 0;
    }

    /** Whether FreeTTS provides the voice of this name. */
    public static boolean provides(String name) {
        return KEVIN16.equals(name);
    }

    @Override
    protected Rendering open() {
        Voice voice = Arrays.stream(new KevinVoiceDirectory().getVoices())
                .filter(v -> KEVIN16.equals(v.getName())).findFirst()
                .orElseThrow(() -> new EngineException("FreeTTS does not provide the voice " + KEVIN16, false));
        CapturingAudioPlayer player = new CapturingAudioPlayer();
        voice.setAudioPlayer(player);
        // A queue nobody reads keeps allocate() from starting its own output thread; without a queue the voice then
        // renders in the calling thread, under the lock.
        voice.setOutputQueue(new OutputQueue());
        voice.allocate();
        voice.setOutputQueue(null);
        voice.setVolume(1.0f);
        return new Rendering(voice, player);
    }

    @Override
    protected PcmAudio speak(Rendering rendering, String text, ProsodyTargets prosody) {
        Voice voice = rendering.voice();
        Settings settings = settings(prosody);
        voice.setPitch(settings.pitchHz());
        voice.setPitchRange(settings.pitchRangeHz());
        voice.setPitchShift(1);
        voice.setDurationStretch(settings.durationStretch());
        rendering.player().clear();
        if (!voice.speak(text)) {
            throw new EngineException("FreeTTS could not speak the text", false);
        }
        return pcm16(rendering.player().bytes(), rendering.player().getAudioFormat());
    }

    static Settings settings(ProsodyTargets p) {
        double scale = clamp(p.f0Scale(), 0, 3);
        return new Settings((float) clamp(BASELINE_PITCH_HZ + p.f0AddHz(), 50, 500), (float) (PITCH_RANGE_HZ * scale),
                (float) clamp(p.durationScale(), 0.3, 3));
    }

    /** Collects what FreeTTS would play; the format is set by the voice before the first write. */
    static final class CapturingAudioPlayer implements AudioPlayer {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private AudioFormat format = new AudioFormat(16_000, 16, 1, true, true);
        private float volume = 1;

        void clear() {
            out.reset();
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        @Override
        public void setAudioFormat(AudioFormat format) {
            this.format = format;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public boolean write(byte[] audioData) {
            return write(audioData, 0, audioData.length);
        }

        @Override
        public boolean write(byte[] audioData, int offset, int size) {
            out.write(audioData, offset, size);
            return true;
        }

        @Override
        public float getVolume() {
            return volume;
        }

        @Override
        public void setVolume(float volume) {
            this.volume = volume;
        }

        // Playback control has no meaning when capturing.
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void reset() {
        }

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void begin(int size) {
        }

        @Override
        public boolean end() {
            return true;
        }

        @Override
        public void cancel() {
        }

        @Override
        public void close() {
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {
        }

        @Override
        public void startFirstSampleTimer() {
        }

        @Override
        public void showMetrics() {
        }
    }
}
