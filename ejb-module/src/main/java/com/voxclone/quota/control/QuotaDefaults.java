package com.voxclone.quota.control;

import com.voxclone.quota.entity.Quota;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The limits that apply to every user unless an administrator set others: {@code voxclone.quota.*}
 * ({@code VOXCLONE_QUOTA_VOICES}, {@code _STORED_MEGABYTES}, {@code _CONCURRENT_JOBS}, {@code _SYNTHESIS_SECONDS_PER_DAY}).
 */
@ApplicationScoped
public class QuotaDefaults {

    private final Map<Quota, Long> limits = new EnumMap<>(Quota.class);

    @PostConstruct
    void read() {
        Config config = ConfigProvider.getConfig();
        for (Quota q : Quota.values()) {
            long setting = config.getOptionalValue(q.configKey(), Long.class).orElse(q.defaultSetting());
            if (setting < 0) {
                throw new IllegalStateException(q.configKey() + " must be 0 or more, was " + setting);
            }
            limits.put(q, q.fromSetting(setting));
        }
    }

    public long limit(Quota quota) {
        return limits.get(quota);
    }
}
