package com.voxclone.account.control;

import com.voxclone.account.entity.Role;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which groups of the identity provider make a company account a VoxClone {@code admin} or {@code user}. Admin
 * groups win when someone is in both; someone in neither may not sign in.
 */
public record GroupRoles(Set<String> adminGroups, Set<String> userGroups) {

    public GroupRoles {
        adminGroups = Set.copyOf(adminGroups);
        userGroups = Set.copyOf(userGroups);
    }

    /** From comma-separated group names, as configured; blanks around names are ignored. */
    public static GroupRoles of(String adminGroups, String userGroups) {
        return new GroupRoles(names(adminGroups), names(userGroups));
    }

    public Optional<Role> roleFor(Collection<String> groups) {
        if (groups.stream().anyMatch(adminGroups::contains)) {
            return Optional.of(Role.ADMIN);
        }
        if (groups.stream().anyMatch(userGroups::contains)) {
            return Optional.of(Role.USER);
        }
        return Optional.empty();
    }

    public boolean mapsNothing() {
        return adminGroups.isEmpty() && userGroups.isEmpty();
    }

    private static Set<String> names(String csv) {
        return csv == null ? Set.of()
                : Arrays.stream(csv.split(",")).map(String::strip).filter(n -> !n.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
