package com.voxclone.voice.boundary;

import com.voxclone.quota.boundary.UsageSource;
import com.voxclone.quota.entity.Quota;
import com.voxclone.voice.entity.VoiceProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The voices a user keeps. */
@ApplicationScoped
public class VoiceUsage implements UsageSource {

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    @Override
    public Set<Quota> measures() {
        return Set.of(Quota.VOICES);
    }

    @Override
    public Map<Quota, Long> usage(UUID userId) {
        return Map.of(Quota.VOICES, em.createNamedQuery(VoiceProfile.COUNT_OF_USER, Long.class)
                .setParameter("userId", userId).getSingleResult());
    }
}
