package com.voxclone.worker.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.voxclone.platform.entity.Timestamps;
import com.voxclone.worker.entity.WorkerNode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Which heartbeats count as a live worker: recent ones, and none from before the asking node started. */
class WorkerRegistryTest {

    private final WorkerRegistry registry = new WorkerRegistry();
    private TypedQuery<Long> query;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void collaborators() {
        registry.em = mock(EntityManager.class);
        query = mock(TypedQuery.class, RETURNS_SELF);
        when(query.getSingleResult()).thenReturn(1L);
        when(registry.em.createNamedQuery(WorkerNode.ALIVE_SINCE, Long.class)).thenReturn(query);
    }

    private OffsetDateTime since() {
        ArgumentCaptor<OffsetDateTime> since = ArgumentCaptor.forClass(OffsetDateTime.class);
        verify(query).setParameter(eq("since"), since.capture());
        return since.getValue();
    }

    @Test
    void aNodeThatJustStartedCountsOnlyHeartbeatsSinceItsStart() {
        OffsetDateTime started = Timestamps.now().minusSeconds(5);

        registry.alive(started);

        assertEquals(started, since(), "a heartbeat from 10 s ago may be the previous run's dead worker");
    }

    @Test
    void aNodeRunningForLongCountsTheLastThirtySeconds() {
        OffsetDateTime before = Timestamps.now().minus(WorkerRegistry.FRESHNESS);

        registry.alive(Timestamps.now().minus(Duration.ofHours(2)));

        OffsetDateTime since = since();
        assertTrue(!since.isBefore(before) && since.isBefore(before.plusSeconds(5)), "counted from " + since);
    }
}
