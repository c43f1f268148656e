package com.voxclone.engine.offline.control;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.offline.entity.ProsodyTargets;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javax.sound.sampled.AudioFormat;

/**
 * A base voice on a synthesiser library that is not safe for concurrent use: the library is opened once and used under
 * the lock the subclass names. Its class-path lookups may use the thread context class loader, which is pinned to this
 * module's loader while the library runs (inside an application server it would otherwise see the server's loader).
 *
 * @param <S> the library's synthesiser object
 */
abstract class LockedBaseVoice<S> implements BaseVoice {

    private final Object lock;
    private volatile S synthesizer;

    /** @param lock shared by every instance that touches the same library state */
    LockedBaseVoice(Object lock) {
        this.lock = lock;
    }

    /** Loads the library's voice; runs once, under the lock. */
    protected abstract S open() throws Exception;

    /** Speaks one piece of text; runs under the lock. */
    protected abstract PcmAudio speak(S synthesizer, String text, ProsodyTargets prosody) throws Exception;

    @Override
    public final void start() {
        if (synthesizer != null) {
            return;
        }
        synchronized (lock) {
            if (synthesizer == null) {
                synthesizer = withOwnClassLoader(this::open,
                        e -> new EngineException("The offline speech synthesiser could not start: " + e.getMessage(), true, e));
            }
        }
    }

    @Override
    public final PcmAudio synthesize(String text, ProsodyTargets prosody) {
        start();
        synchronized (lock) {
            return withOwnClassLoader(() -> speak(synthesizer, text, prosody),
                    e -> new EngineException("The offline speech synthesiser failed on the text: " + e.getMessage(), false, e));
        }
    }

    private static <T> T withOwnClassLoader(Callable<T> action, Function<Exception, EngineException> failure) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LockedBaseVoice.class.getClassLoader());
        try {
            return action.call();
        } catch (EngineException e) {
            throw e;
        } catch (Exception e) {
            throw failure.apply(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Signed 16-bit mono samples as the synthesisers deliver them, in either byte order. */
    static PcmAudio pcm16(byte[] bytes, AudioFormat format) {
        if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1
                || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
            throw new EngineException("The offline speech synthesiser produced an unexpected format: " + format, false);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = buffer.getShort() / 32768f;
        }
        return new PcmAudio(samples, Math.round(format.getSampleRate()));
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
