package com.voxclone.job.boundary;

import com.voxclone.job.entity.JobStatus;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.quota.boundary.UsageSource;
import com.voxclone.quota.entity.Quota;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** The user's clone jobs that have not finished, and the new voices among them (they count as voices already). */
@ApplicationScoped
public class JobUsage implements UsageSource {

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    @Override
    public Set<Quota> measures() {
        return Set.of(Quota.CONCURRENT_JOBS, Quota.VOICES);
    }

    @Override
    public Map<Quota, Long> usage(UUID userId) {
        List<String> targets = em.createNamedQuery(VoiceCloneJob.TARGETS_OF_RUNNING, String.class)
                .setParameter("userId", userId)
                .setParameter("pending", JobStatus.PENDING)
                .setParameter("processing", JobStatus.PROCESSING)
                .getResultList();
        return Map.of(Quota.CONCURRENT_JOBS, (long) targets.size(),
                Quota.VOICES, targets.stream().filter(Objects::isNull).count());
    }
}
