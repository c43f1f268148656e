package com.voxclone.quota.boundary;

import com.voxclone.quota.entity.Quota;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Implemented by each component that holds something a quota counts (voices, jobs, stored audio), so that quotas
 * are measured where the data lives and this component depends on none of them. Sums over all sources.
 */
public interface UsageSource {

    /** The quotas this source counts toward: it is asked only when one of them is checked. */
    Set<Quota> measures();

    /** What {@code userId} holds now, for the quotas this source measures. */
    Map<Quota, Long> usage(UUID userId);
}
