package com.voxclone.account.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionRequestGuardTest {

    private static final Set<String> OWN = Set.of("https://voxclone.example.com");

    @Test
    void readingNeedsNothingExtra() {
        assertEquals(Optional.empty(), SessionRequestGuard.refusal("GET", null, "https://evil.example.com", OWN));
        assertEquals(Optional.empty(), SessionRequestGuard.refusal("head", null, null, OWN));
    }

    @Test
    void changesWithoutThePortalHeaderAreRefused() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            assertTrue(SessionRequestGuard.refusal(method, null, "https://voxclone.example.com", OWN).isPresent(), method);
            assertTrue(SessionRequestGuard.refusal(method, " ", null, OWN).isPresent(), method);
        }
    }

    @Test
    void changesFromAnotherOriginAreRefused() {
        assertTrue(SessionRequestGuard.refusal("POST", "portal", "https://evil.example.com", OWN).isPresent());
        assertTrue(SessionRequestGuard.refusal("POST", "portal", "null", OWN).isPresent());
        assertTrue(SessionRequestGuard.refusal("POST", "portal", "http://voxclone.example.com", OWN).isPresent());
    }

    @Test
    void changesFromThePortalPass() {
        assertEquals(Optional.empty(), SessionRequestGuard.refusal("POST", "portal", "https://voxclone.example.com", OWN));
        // Browsers may leave the origin out of same-origin requests; the header alone then decides.
        assertEquals(Optional.empty(), SessionRequestGuard.refusal("DELETE", "portal", null, OWN));
    }
}
