package com.voxclone.voice.boundary;

import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.storage.entity.AssetKind;
import com.voxclone.storage.entity.AudioFacts;
import com.voxclone.storage.entity.StoredAsset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Storing and reading back the audio of voices. The reference the engines enrol from is kept lossless
 * (16-bit PCM WAV, 24 kHz mono); what people listen to is MP3 at 24 kHz mono, 160 kb/s, the highest bit rate
 * MPEG-2 Layer III allows at 24 kHz (192 kb/s would need resampling to 32 kHz or more for no audible gain).
 */
@ApplicationScoped
public class ReferenceAudio {

    public static final String WAV = "audio/wav";
    public static final String MP3 = "audio/mpeg";

    @Inject
    AssetStore assets;

    @Inject
    AudioPipeline pipeline;

    public StoredAsset storeWav(UUID owner, AssetKind kind, PcmAudio audio) {
        return assets.store(owner, kind, WAV, new ByteArrayInputStream(pipeline.toWav(audio)), facts(audio));
    }

    public StoredAsset storeMp3(UUID owner, AssetKind kind, PcmAudio audio) {
        ByteArrayOutputStream mp3 = new ByteArrayOutputStream();
        try {
            pipeline.toMp3(audio, mp3);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode MP3", e);
        }
        return assets.store(owner, kind, MP3, new ByteArrayInputStream(mp3.toByteArray()), facts(audio));
    }

    public PcmAudio readWav(UUID assetId) {
        try (InputStream in = assets.open(assetId)) {
            return pipeline.fromWav(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read reference " + assetId, e);
        }
    }

    private static AudioFacts facts(PcmAudio audio) {
        return new AudioFacts(audio.durationMillis(), audio.sampleRate());
    }
}
