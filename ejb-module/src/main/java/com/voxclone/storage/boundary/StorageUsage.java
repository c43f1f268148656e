package com.voxclone.storage.boundary;

import com.voxclone.quota.boundary.UsageSource;
import com.voxclone.quota.entity.Quota;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The audio a user's uploads, voices, test clips and consent recordings take up. */
@ApplicationScoped
public class StorageUsage implements UsageSource {

    @Inject
    AssetStore assets;

    @Override
    public Set<Quota> measures() {
        return Set.of(Quota.STORED_BYTES);
    }

    @Override
    public Map<Quota, Long> usage(UUID userId) {
        return Map.of(Quota.STORED_BYTES, assets.bytesOwnedBy(userId));
    }
}
