package com.voxclone.audio.boundary;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.storage.entity.StoredAsset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** Audio in HTTP responses: stored files streamed from storage, and synthesised speech as MP3 or WAV. */
@ApplicationScoped
public class AudioResponses {

    public static final MediaType WAV = new MediaType("audio", "wav");
    public static final MediaType MP3 = new MediaType("audio", "mpeg");

    @Inject
    AssetStore assets;

    @Inject
    AudioPipeline pipeline;

    /**
     * A stored audio file, streamed from storage; 404 with {@code whenAbsent} when there is none ({@code assetId} is
     * null), and a 404 of its own when the file was deleted meanwhile.
     */
    public Response stored(UUID assetId, String downloadName, String whenAbsent) {
        if (assetId == null) {
            throw Problem.notFound(whenAbsent);
        }
        StoredAsset asset = assets.find(assetId).orElseThrow(() -> Problem.notFound("This audio file no longer exists."));
        StreamingOutput body = out -> {
            try (InputStream in = assets.open(assetId)) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, asset.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, asset.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + downloadName + "\"")
                .header(HttpHeaders.ETAG, "\"" + asset.sha256() + "\"")
                .build();
    }

    /** WAV when the client prefers it ({@code Accept: audio/wav}), MP3 otherwise. */
    public Response speech(PcmAudio audio, List<MediaType> accepted, String baseName) {
        boolean wav = accepted.stream().filter(m -> !m.isWildcardType()).findFirst()
                .map(m -> m.isCompatible(WAV) || m.isCompatible(new MediaType("audio", "x-wav")) || m.isCompatible(new MediaType("audio", "wave")))
                .orElse(false);
        byte[] body;
        if (wav) {
            body = pipeline.toWav(audio);
        } else {
            ByteArrayOutputStream mp3 = new ByteArrayOutputStream();
            try {
                pipeline.toMp3(audio, mp3);
            } catch (IOException e) {
                throw new UncheckedIOException("could not encode MP3", e);
            }
            body = mp3.toByteArray();
        }
        return Response.ok(body, wav ? WAV : MP3)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + baseName + (wav ? ".wav" : ".mp3") + "\"")
                .header("X-Audio-Duration-Ms", audio.durationMillis())
                .build();
    }
}
