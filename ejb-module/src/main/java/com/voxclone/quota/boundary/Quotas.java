package com.voxclone.quota.boundary;

import com.voxclone.quota.control.QuotaDefaults;
import com.voxclone.quota.control.SynthesisLedger;
import com.voxclone.quota.entity.Quota;
import com.voxclone.quota.entity.QuotaUse;
import com.voxclone.quota.entity.UserQuota;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Per-user quotas: voices, stored audio, concurrent clone jobs and seconds of speech per UTC day. Limits are the
 * configured defaults unless an administrator set others for the user; usage is measured where it lives (see
 * {@link UsageSource}). Checks that admit new work hold a per-user lock until the caller's transaction ends, so two
 * requests of one user at once cannot both take the last room.
 */
@Stateless
public class Quotas {

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    @Inject
    Instance<UsageSource> sources;

    @Inject
    QuotaDefaults defaults;

    @Inject
    SynthesisLedger synthesis;

    /** Every quota of the user with what is used of it. */
    public List<QuotaUse> of(UUID userId) {
        return of(userId, EnumSet.allOf(Quota.class));
    }

    /** The named quotas of the user: only what they count is measured. */
    private List<QuotaUse> of(UUID userId, Set<Quota> which) {
        Map<Quota, Long> used = usage(userId, which);
        Optional<UserQuota> own = Optional.ofNullable(em.find(UserQuota.class, userId));
        return which.stream().map(q -> {
            Optional<Long> set = own.flatMap(o -> o.limit(q));
            return new QuotaUse(q, set.orElse(defaults.limit(q)), used.getOrDefault(q, 0L), set.isPresent());
        }).toList();
    }

    /**
     * Admits new work of the user in the caller's transaction, or refuses it. {@code adding} is how much of each named
     * quota the work adds; work already stored in this transaction is counted in the usage, so it is named with 0
     * (its quota is still checked). Holds the user's lock until the transaction ends: the work must be stored in it,
     * so that the next check counts it.
     *
     * @throws QuotaExceededException naming the first quota that would be exceeded
     */
    public void admit(UUID userId, Map<Quota, Long> adding) {
        lock(userId);
        precheck(userId, adding);
    }

    /** The same check as {@link #admit} without the lock: to refuse early, before costly work such as storing an upload. */
    public void precheck(UUID userId, Map<Quota, Long> adding) {
        for (QuotaUse q : of(userId, adding.isEmpty() ? EnumSet.noneOf(Quota.class) : EnumSet.copyOf(adding.keySet()))) {
            long wanted = adding.get(q.quota());
            if (q.used() + wanted > q.limit()) {
                throw exceeded(q, q.used() + wanted);
            }
        }
    }

    /** Refuses synthesis once the user's daily allowance is used up; a request that starts within it may finish past it. */
    public void requireSynthesisAllowance(UUID userId) {
        // Asked before every piece of speech: only the day's ledger is read, not the other quotas' usage.
        QuotaUse day = of(userId, EnumSet.of(Quota.SYNTHESIS_SECONDS_PER_DAY)).get(0);
        if (day.used() >= day.limit()) {
            throw exceeded(day, day.used());
        }
    }

    /** Counts speech produced for the user against today's allowance. */
    public void recordSynthesis(UUID userId, long audioMillis) {
        if (audioMillis > 0) {
            synthesis.add(userId, today(), audioMillis);
        }
    }

    /** Sets (or, with an empty value, clears) an administrator's limits for the user; quotas not named stay as they are. */
    public List<QuotaUse> set(UUID userId, Map<Quota, Optional<Long>> limits) {
        UserQuota own = em.find(UserQuota.class, userId);
        if (own == null) {
            own = new UserQuota(userId);
            em.persist(own);
        }
        UserQuota changed = own;
        limits.forEach(changed::set);
        if (changed.isEmpty()) {
            em.remove(changed);
        }
        em.flush();
        return of(userId);
    }

    private Map<Quota, Long> usage(UUID userId, Set<Quota> which) {
        Map<Quota, Long> used = new EnumMap<>(Quota.class);
        sources.stream().filter(s -> !Collections.disjoint(s.measures(), which))
                .forEach(s -> s.usage(userId).forEach((q, n) -> used.merge(q, n, Long::sum)));
        if (which.contains(Quota.SYNTHESIS_SECONDS_PER_DAY)) {
            // Counted in whole seconds, rounded up: a quota of 60 s is used up by 60 s of speech, not by 60.4 s.
            used.put(Quota.SYNTHESIS_SECONDS_PER_DAY, (synthesis.millisOn(userId, today()) + 999) / 1000);
        }
        return used;
    }

    /** A transaction-scoped PostgreSQL advisory lock per user: serialises admission without locking any table row. */
    private void lock(UUID userId) {
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?)")
                .setParameter(1, userId.getMostSignificantBits() ^ userId.getLeastSignificantBits()).getSingleResult();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static QuotaExceededException exceeded(QuotaUse q, long wouldBe) {
        boolean bytes = q.quota() == Quota.STORED_BYTES;
        String amount = bytes ? megabytes(wouldBe) + " MB" : Long.toString(wouldBe);
        String limit = bytes ? megabytes(q.limit()) + " MB" : Long.toString(q.limit());
        String what = q.quota() == Quota.SYNTHESIS_SECONDS_PER_DAY
                ? "You have used " + amount + " of your " + limit + " " + q.quota().counts() + ". "
                : "This would make " + amount + " " + q.quota().counts() + "; your quota is " + limit + ". ";
        return new QuotaExceededException(q.quota(), q.limit(), q.used(), "Quota reached. " + what + q.quota().remedy());
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
