package com.voxclone.account.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.voxclone.account.control.ApiKeys;
import com.voxclone.account.entity.ApiKey;
import com.voxclone.account.entity.Role;
import com.voxclone.account.entity.User;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disabling users: their keys stop working at once, and administration can never lock itself out. */
class AccountServiceTest {

    private final AccountService accounts = new AccountService();

    @BeforeEach
    void collaborators() {
        accounts.em = mock(EntityManager.class);
    }

    private User stored(User user) {
        when(accounts.em.find(User.class, user.getId(), LockModeType.PESSIMISTIC_WRITE)).thenReturn(user);
        return user;
    }

    @SuppressWarnings("unchecked")
    private void activeAdministrators(long count) {
        TypedQuery<Long> query = mock(TypedQuery.class, RETURNS_SELF);
        when(query.getSingleResult()).thenReturn(count);
        when(accounts.em.createNamedQuery(User.COUNT_ADMINS, Long.class)).thenReturn(query);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDisabledUsersKeyIsRefusedAndWorksAgainOnceEnabled() {
        User ada = stored(new User("Ada", Role.USER));
        String key = ApiKeys.generate();
        ApiKey stored = new ApiKey(ada, ApiKeys.hash(key), ApiKeys.displayPrefix(key));
        TypedQuery<ApiKey> byHash = mock(TypedQuery.class, RETURNS_SELF);
        when(byHash.getResultStream()).thenAnswer(i -> Stream.of(stored));
        when(accounts.em.createNamedQuery(ApiKey.BY_HASH, ApiKey.class)).thenReturn(byHash);
        assertTrue(accounts.authenticate(key).isPresent());

        accounts.setActive(ada.getId(), false);
        assertEquals(Optional.empty(), accounts.authenticate(key));

        accounts.setActive(ada.getId(), true);
        assertTrue(accounts.authenticate(key).isPresent());
    }

    @Test
    void theLastActiveAdministratorCannotBeDisabled() {
        User root = stored(new User("Root", Role.ADMIN));
        activeAdministrators(1);

        assertThrows(IllegalStateException.class, () -> accounts.setActive(root.getId(), false));
        assertTrue(root.isActive());
    }

    @Test
    void anAdministratorCanBeDisabledWhileAnotherRemains() {
        User second = stored(new User("Second", Role.ADMIN));
        activeAdministrators(2);

        assertFalse(accounts.setActive(second.getId(), false).isActive());
    }

    @Test
    void anUnknownUserIsNotFound() {
        assertThrows(IllegalArgumentException.class, () -> accounts.setActive(UUID.randomUUID(), false));
    }
}
