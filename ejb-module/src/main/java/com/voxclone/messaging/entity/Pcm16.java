package com.voxclone.messaging.entity;

import com.voxclone.audio.entity.PcmAudio;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Audio in message bodies: 16-bit little-endian mono PCM at 24 kHz ({@link PcmAudio#MODEL_RATE}). */
final class Pcm16 {

    private Pcm16() {
    }

    static byte[] encode(PcmAudio audio) {
        return audio.pcm16();
    }

    static PcmAudio decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getShort() / 32768f;
        }
        return new PcmAudio(out, PcmAudio.MODEL_RATE);
    }
}
