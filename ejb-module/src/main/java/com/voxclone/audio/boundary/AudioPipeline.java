package com.voxclone.audio.boundary;

import com.voxclone.audio.entity.PcmAudio;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** PLACEHOLDER until the audio pipeline lands. */
@ApplicationScoped
public class AudioPipeline {
    public PcmAudio decode(Path file, int rate) {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setSampleRate(rate);
            g.setAudioChannels(1);
            g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
            g.start();
            java.util.List<float[]> parts = new java.util.ArrayList<>();
            int total = 0;
            Frame f;
            while ((f = g.grabSamples()) != null) {
                FloatBuffer fb = (FloatBuffer) f.samples[0];
                float[] a = new float[fb.remaining()];
                fb.get(a);
                parts.add(a);
                total += a.length;
            }
            float[] all = new float[total];
            int at = 0;
            for (float[] a : parts) {
                System.arraycopy(a, 0, all, at, a.length);
                at += a.length;
            }
            return new PcmAudio(all, rate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public PcmAudio normalizeReference(Path file) {
        return decode(file, PcmAudio.MODEL_RATE);
    }

    public byte[] toWav(PcmAudio a) {
        ByteBuffer b = ByteBuffer.allocate(44 + a.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + a.samples().length * 2).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(a.sampleRate()).putInt(a.sampleRate() * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(a.samples().length * 2);
        for (float s : a.samples()) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        return b.array();
    }

    public PcmAudio fromWav(java.io.InputStream in) {
        try {
            byte[] all = in.readAllBytes();
            ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            int rate = b.getInt(24);
            float[] s = new float[(all.length - 44) / 2];
            for (int i = 0; i < s.length; i++) {
                s[i] = b.getShort(44 + 2 * i) / 32768f;
            }
            return new PcmAudio(s, rate);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void toMp3(PcmAudio a, OutputStream out) {
        try {
            out.write(toWav(a));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
