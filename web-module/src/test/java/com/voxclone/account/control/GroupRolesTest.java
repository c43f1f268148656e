package com.voxclone.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.account.entity.Role;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupRolesTest {

    private final GroupRoles roles = GroupRoles.of(" voice-admins, it-ops ", "staff,contractors");

    @Test
    void anAdminGroupGivesTheAdminRole() {
        assertEquals(Optional.of(Role.ADMIN), roles.roleFor(List.of("it-ops")));
    }

    @Test
    void aUserGroupGivesTheUserRole() {
        assertEquals(Optional.of(Role.USER), roles.roleFor(List.of("marketing", "contractors")));
    }

    @Test
    void adminWinsWhenSomeoneIsInBoth() {
        assertEquals(Optional.of(Role.ADMIN), roles.roleFor(List.of("staff", "voice-admins")));
    }

    @Test
    void noMappedGroupGivesNoRole() {
        assertEquals(Optional.empty(), roles.roleFor(List.of("marketing")));
        assertEquals(Optional.empty(), roles.roleFor(List.of()));
        // Names are compared exactly: no case folding, no prefixes.
        assertEquals(Optional.empty(), roles.roleFor(List.of("Staff", "staff-alumni")));
    }

    @Test
    void nothingConfiguredMapsNobody() {
        GroupRoles none = GroupRoles.of("", " , ");
        assertTrue(none.mapsNothing());
        assertEquals(Optional.empty(), none.roleFor(List.of("staff")));
    }
}
