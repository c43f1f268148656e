package com.voxclone.job.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.voxclone.messaging.entity.JobMessage;
import com.voxclone.worker.boundary.WorkerIdentity;
import jakarta.jms.MapMessage;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoisonMessagesTest {

    private final PoisonMessages poison = new PoisonMessages();
    private final UUID jobId = UUID.randomUUID();
    private final MapMessage newer = mock(MapMessage.class);

    @BeforeEach
    void collaborators() throws Exception {
        poison.lifecycle = mock(JobLifecycle.class);
        poison.identity = mock(WorkerIdentity.class);
        poison.maxAttempts = 3;
        when(poison.identity.nodeName()).thenReturn("worker-1");
        when(newer.propertyExists("contractVersion")).thenReturn(true);
        when(newer.getIntProperty("contractVersion")).thenReturn(99);
        when(newer.getStringProperty("jobId")).thenReturn(jobId.toString());
        when(poison.lifecycle.exists(jobId)).thenReturn(true);
    }

    @Test
    void theReasonSaysWhatIsWrong() {
        assertEquals("the message is of a newer contract version than this worker reads", PoisonMessages.reason(newer, Optional.empty()));
        assertEquals("job " + jobId + " does not exist (not yet committed, or deleted)",
                PoisonMessages.reason(newer, Optional.of(new JobMessage(jobId, null))));
    }

    @Test
    void theJobANewerMessageNamesIsFailedOnlyOnTheLastAttempt() throws Exception {
        when(newer.getIntProperty("JMSXDeliveryCount")).thenReturn(2);
        poison.refused(newer, Optional.empty());
        verify(poison.lifecycle, never()).failAfterLastAttempt(any(), anyString(), anyString());

        when(newer.getIntProperty("JMSXDeliveryCount")).thenReturn(3);
        poison.refused(newer, Optional.empty());
        verify(poison.lifecycle).failAfterLastAttempt(eq(jobId), eq("Its queue message could not be read: the message is "
                + "of a newer contract version than this worker reads. The message is in the dead-letter queue."), eq("worker-1"));
    }
}
