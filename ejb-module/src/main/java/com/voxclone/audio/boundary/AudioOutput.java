package com.voxclone.audio.boundary;

import com.voxclone.audio.entity.PcmAudio;
import java.io.IOException;

/** Audio encoded as it is written: each write leaves as soon as the encoder has whole frames of it. */
public interface AudioOutput extends AutoCloseable {

    void write(PcmAudio audio) throws IOException;

    /** Encodes what is still buffered and ends the stream; the underlying output stream stays open. */
    @Override
    void close() throws IOException;
}
