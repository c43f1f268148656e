package com.voxclone.account.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.voxclone.account.control.RequestRate;
import com.voxclone.account.entity.Caller;
import com.voxclone.account.entity.Role;
import com.voxclone.platform.boundary.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may call what: a resource's own role rule holds wherever it is mounted, and the admin paths stay closed to users. */
class CallerAuthenticationTest {

    private static final String USER_KEY = "vxc_user";
    private static final String ADMIN_KEY = "vxc_admin";

    private final CallerAuthentication filter = new CallerAuthentication();
    private final ContainerRequestContext request = mock(ContainerRequestContext.class);
    private final UriInfo uri = mock(UriInfo.class);

    @AdministratorsOnly
    static class AdministratorsResource {
        public void act() {
        }
    }

    static class OpenToUsersResource {
        public void act() {
        }
    }

    @BeforeEach
    void collaborators() {
        filter.accounts = mock(AccountService.class);
        filter.resource = mock(ResourceInfo.class);
        filter.rate = new RequestRate(1200);
        when(filter.accounts.authenticate(USER_KEY)).thenReturn(Optional.of(new Caller(UUID.randomUUID(), "Ada", Role.USER)));
        when(filter.accounts.authenticate(ADMIN_KEY)).thenReturn(Optional.of(new Caller(UUID.randomUUID(), "Root", Role.ADMIN)));
        when(request.getUriInfo()).thenReturn(uri);
        when(request.getCookies()).thenReturn(Map.of());
        when(request.getSecurityContext()).thenReturn(mock(SecurityContext.class));
    }

    private void call(String key, String path, Class<?> resource) throws NoSuchMethodException {
        when(request.getHeaderString(HttpHeaders.AUTHORIZATION)).thenReturn("Bearer " + key);
        when(uri.getPath()).thenReturn(path);
        doReturn(resource).when(filter.resource).getResourceClass();
        when(filter.resource.getResourceMethod()).thenReturn(resource.getMethod("act"));
        filter.filter(request);
    }

    @Test
    void aResourceForAdministratorsRefusesUsersWhereverItIsMounted() {
        Problem refused = assertThrows(Problem.class, () -> call(USER_KEY, "public/voice/anything", AdministratorsResource.class));

        assertEquals(403, refused.getResponse().getStatus());
    }

    @Test
    void aResourceForAdministratorsLetsAdministratorsIn() {
        assertDoesNotThrow(() -> call(ADMIN_KEY, "public/voice/anything", AdministratorsResource.class));
        verify(request).setSecurityContext(any());
    }

    @Test
    void theAdminPathsStayClosedToUsersEvenWithoutARoleRule() {
        Problem refused = assertThrows(Problem.class, () -> call(USER_KEY, "admin/users", OpenToUsersResource.class));

        assertEquals(403, refused.getResponse().getStatus());
    }

    @Test
    void aKeyOverItsAllowanceIsToldWhenToTryAgain() throws NoSuchMethodException {
        filter.rate = new RequestRate(2);
        call(USER_KEY, "public/voice/voices", OpenToUsersResource.class);
        call(USER_KEY, "public/voice/voices", OpenToUsersResource.class);

        Problem refused = assertThrows(Problem.class, () -> call(USER_KEY, "public/voice/voices", OpenToUsersResource.class));

        assertEquals(429, refused.getResponse().getStatus());
        long retryAfter = Long.parseLong(refused.getResponse().getHeaderString("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);
        assertDoesNotThrow(() -> call(ADMIN_KEY, "public/voice/voices", OpenToUsersResource.class), "another key has its own allowance");
    }

    @Test
    void anUnknownKeyIsUnauthenticated() {
        when(filter.accounts.authenticate("vxc_unknown")).thenReturn(Optional.empty());

        assertEquals(401, assertThrows(Problem.class, () -> call("vxc_unknown", "public/voice/voices", OpenToUsersResource.class))
                .getResponse().getStatus());
    }
}
