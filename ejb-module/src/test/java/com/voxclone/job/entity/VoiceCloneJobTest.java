package com.voxclone.job.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.engine.entity.VoiceSettings;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VoiceCloneJobTest {

    private final VoiceCloneJob job = new VoiceCloneJob(UUID.randomUUID(), "Voice", "Hello", VoiceSettings.defaults(), UUID.randomUUID());

    @Test
    void aJobGoesFromPendingThroughProcessingToCompleted() {
        assertEquals(JobStatus.PENDING, job.getStatus());
        job.start("{\"node\":\"a\"}");
        assertEquals(JobStatus.PROCESSING, job.getStatus());
        assertEquals(1, job.getAttempts());
        UUID result = UUID.randomUUID();
        job.complete("voice_1", result);
        assertEquals(JobStatus.COMPLETED, job.getStatus());
        assertEquals("voice_1", job.getVoiceId());
        assertEquals(result, job.getResultAssetId());
        assertNotNull(job.getFinishedAt());
        assertNotNull(job.getProcessingTimeMs());
    }

    @Test
    void aFinishedJobNeverChangesAgain() {
        job.start("{}");
        job.fail("bad media");
        assertThrows(IllegalStateException.class, () -> job.start("{}"));
        assertThrows(IllegalStateException.class, () -> job.complete("voice_2", null));
        assertThrows(IllegalStateException.class, () -> job.fail("again"));
        assertEquals("bad media", job.getError());
    }

    @Test
    void eachAttemptIsCountedAndARetriedJobCountsAfresh() {
        job.start("{}");
        job.attemptFailed("database blip");
        job.start("{}");
        assertEquals(2, job.getAttempts());
        assertNull(job.getError(), "a new attempt clears the previous attempt's error");
        job.fail("gave up");
        job.requeue();
        assertEquals(JobStatus.PENDING, job.getStatus());
        assertEquals(0, job.getAttempts());
        assertNull(job.getFinishedAt());
    }

    @Test
    void onlyAFailedJobCanBeRetried() {
        assertThrows(IllegalStateException.class, job::requeue);
        job.start("{}");
        job.complete("voice_3", null);
        assertThrows(IllegalStateException.class, job::requeue);
    }

    @Test
    void aLeaseRunsFromTheStartAndEndsWithTheJob() {
        OffsetDateTime now = OffsetDateTime.now();
        job.start("{}");
        job.leaseTo("node-a", Duration.ofSeconds(60));
        assertEquals("node-a", job.getLeaseHolder());
        assertTrue(job.getLeaseExpiresAt().isAfter(now.plusSeconds(50)), "still held after 50 s");
        assertTrue(job.getLeaseExpiresAt().isBefore(now.plusSeconds(70)), "lapsed after 70 s");
        job.complete("voice_4", null);
        assertNull(job.getLeaseHolder(), "a finished job is nobody's");
        assertNull(job.getLeaseExpiresAt(), "a finished job has no lease to lapse");
    }

    @Test
    void aJobWhoseHolderStoppedWaitsAgainWithTheReasonAndItsAttemptCounted() {
        job.start("{}");
        job.leaseTo("node-a", Duration.ofSeconds(60));
        job.handBack("node-a stopped");
        assertEquals(JobStatus.PENDING, job.getStatus());
        assertEquals("node-a stopped", job.getError());
        assertNull(job.getLeaseExpiresAt());
        assertEquals(1, job.getAttempts(), "the lost attempt counts");
        assertThrows(IllegalStateException.class, () -> job.handBack("again"), "a waiting job has no holder to lose");
        job.start("{}");
        assertEquals(2, job.getAttempts());
        assertNull(job.getError());
    }

    @Test
    void aFailedAttemptWaitsForTheBrokerNotForALease() {
        job.start("{}");
        job.leaseTo("node-a", Duration.ofSeconds(60));
        job.attemptFailed("engine busy");
        assertNull(job.getLeaseExpiresAt());
    }

    @Test
    void settingsAreStoredAndReadBack() {
        VoiceSettings s = new VoiceSettings(1.5, 2.5, 4096, 1.0, 1.2, 9L);
        assertEquals(s, new VoiceCloneJob(UUID.randomUUID(), "V", null, s, null).getSettings());
    }
}
