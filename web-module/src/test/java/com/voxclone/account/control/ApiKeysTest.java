package com.voxclone.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void keysAreUniqueUrlSafeAndPrefixed() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = ApiKeys.generate();
            assertTrue(key.startsWith(ApiKeys.PREFIX));
            assertTrue(key.substring(ApiKeys.PREFIX.length()).matches("[A-Za-z0-9_-]{43}"), key);
            keys.add(key);
        }
        assertEquals(1000, keys.size());
    }

    @Test
    void onlyAHashIsStoredAndItIsStable() {
        String key = ApiKeys.generate();
        String hash = ApiKeys.hash(key);
        assertEquals(64, hash.length());
        assertEquals(hash, ApiKeys.hash(key));
        assertNotEquals(hash, ApiKeys.hash(key + "x"));
        assertTrue(!hash.contains(key.substring(4, 12)));
        // SHA-256 of "abc", a published test vector.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.hash("abc"));
    }

    @Test
    void theDisplayPrefixIsShort() {
        assertEquals(12, ApiKeys.displayPrefix(ApiKeys.generate()).length());
        assertEquals("vxc_ab", ApiKeys.displayPrefix("vxc_ab"));
    }
}
