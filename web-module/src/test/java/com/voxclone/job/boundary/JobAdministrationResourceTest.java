package com.voxclone.job.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.voxclone.platform.boundary.Problem;
import jakarta.ejb.EJBException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How an administrator's job actions answer when they cannot be done: 404 for no such job, 409 for the wrong state. */
class JobAdministrationResourceTest {

    private final JobAdministrationResource resource = new JobAdministrationResource();

    JobAdministrationResourceTest() {
        resource.jobs = mock(JobService.class);
    }

    @Test
    void aJobInTheWrongStateIsAConflictThatSaysWhy() {
        UUID id = UUID.randomUUID();
        when(resource.jobs.cancel(id)).thenThrow(new EJBException(new IllegalStateException(
                "only a pending job can be cancelled; this one is processing")));

        Problem problem = assertThrows(Problem.class, () -> resource.cancel(id.toString()));

        assertEquals(409, problem.getResponse().getStatus());
        assertEquals("Only a pending job can be cancelled; this one is processing.", problem.getMessage());
    }

    @Test
    void anUnknownJobIsNotFound() {
        UUID id = UUID.randomUUID();
        when(resource.jobs.retry(id)).thenThrow(new EJBException(new IllegalArgumentException("no job " + id)));

        assertEquals(404, assertThrows(Problem.class, () -> resource.retry(id.toString())).getResponse().getStatus());
    }

    @Test
    void anIdThatIsNotAUuidIsNotFoundRatherThanAServerError() {
        assertEquals(404, assertThrows(Problem.class, () -> resource.job("not-a-uuid")).getResponse().getStatus());
    }

    @Test
    void anUnknownStatusFilterNamesTheAllowedValues() {
        Problem problem = assertThrows(Problem.class, () -> resource.jobs("finished", null, 10));

        assertEquals(400, problem.getResponse().getStatus());
        assertEquals("status must be pending, processing, completed or failed, was 'finished'", problem.getMessage());
    }
}
