package com.voxclone.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void theChallengeIsTheBase64UrlSha256OfTheVerifier() {
        // SHA-256("abc") = ba7816bf…15ad, base64url without padding.
        assertEquals("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", Pkce.challenge("abc"));
    }

    @Test
    void verifiersAreFreshAndWithinTheRfcAlphabetAndLength() {
        String a = Pkce.newVerifier();
        String b = Pkce.newVerifier();
        assertNotEquals(a, b);
        assertTrue(a.matches("[A-Za-z0-9._~-]{43,128}"), a);
    }
}
