package com.voxclone.account.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.voxclone.platform.boundary.Problem;
import jakarta.ejb.EJBException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An administrator's change to a user that cannot be made: 404 for no such user, 409 with the reason for the state. */
class UsersResourceTest {

    private final UsersResource resource = new UsersResource();

    UsersResourceTest() {
        resource.accounts = mock(AccountService.class);
    }

    @Test
    void aKeyForAUserThatDoesNotExistIsNotFound() {
        UUID id = UUID.randomUUID();
        // The service is an EJB: the container hands its exception over wrapped.
        when(resource.accounts.issueKey(id)).thenThrow(new EJBException(new IllegalArgumentException("no user " + id)));

        assertEquals(404, assertThrows(Problem.class, () -> resource.issueKey(id.toString())).getResponse().getStatus());
    }

    @Test
    void theLastAdministratorCannotBeDisabled() {
        UUID id = UUID.randomUUID();
        when(resource.accounts.setActive(id, false)).thenThrow(new EJBException(new IllegalStateException(
                "this is the last active administrator; make someone else an administrator first")));

        Problem refused = assertThrows(Problem.class, () -> resource.disable(id.toString()));

        assertEquals(409, refused.getResponse().getStatus());
        assertEquals("This is the last active administrator; make someone else an administrator first.", refused.getMessage());
    }
}
