package com.voxclone.audio.entity;


/**
 * One piece of a synthesis stream, in order. The last chunk of an utterance has {@code last} set.
 *
 * @param sequence 0-based position in the stream
 * @param audio    mono PCM at {@link PcmAudio#MODEL_RATE}
 * @param last     whether the stream ends with this chunk
 */
public record AudioChunk(int sequence, PcmAudio audio, boolean last) {
}
