package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.AudioChunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkStreamerTest {

    @Test
    void sendsWholeMultiplesOfTheChunkSizeAndCarriesTheRest() {
        List<AudioChunk> chunks = new ArrayList<>();
        ChunkStreamer streamer = new ChunkStreamer(1000, chunks::add);
        float[] first = new float[2500];
        first[2499] = 0.5f;
        streamer.add(first, false);
        streamer.add(new float[300], false);
        streamer.add(new float[1700], true);
        assertEquals(2, chunks.size());
        assertEquals(2000, chunks.get(0).audio().samples().length);
        assertEquals(2500, chunks.get(1).audio().samples().length);
        assertEquals(0.5f, chunks.get(1).audio().samples()[499], "carried samples come first, in order");
        assertEquals(0, chunks.get(0).sequence());
        assertEquals(1, chunks.get(1).sequence());
        assertTrue(chunks.get(1).last());
        assertTrue(!chunks.get(0).last());
    }

    @Test
    void endsTheStreamEvenWhenNothingIsLeft() {
        List<AudioChunk> chunks = new ArrayList<>();
        ChunkStreamer streamer = new ChunkStreamer(500, chunks::add);
        streamer.add(new float[1000], true);
        assertEquals(1, chunks.size());
        assertTrue(chunks.get(0).last());
    }
}
