package com.voxclone.storage.boundary;

import com.voxclone.storage.entity.AssetKind;
import com.voxclone.storage.entity.AudioFacts;
import com.voxclone.storage.entity.StoredAsset;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * Where audio files live. Writes join the caller's transaction, so a file stored while creating a job exists
 * exactly when the job does. Reads and writes stream: no file is ever held whole in memory.
 */
public interface AssetStore {

    /** Stores {@code data} to its end, computing size and SHA-256 on the way. */
    StoredAsset store(UUID ownerId, AssetKind kind, String contentType, InputStream data, AudioFacts facts);

    Optional<StoredAsset> find(UUID id);

    /** The bytes of an asset; the caller closes the stream. */
    InputStream open(UUID id);

    /** The size of all assets of {@code ownerId}, in bytes. */
    long bytesOwnedBy(UUID ownerId);

    /** Removes the asset and its bytes; nothing happens if it does not exist. */
    void delete(UUID id);
}
