package com.voxclone.account.control;

import com.voxclone.platform.entity.Digests;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets (API keys, session tokens) and the hash kept in their place. A token has 32 random bytes, enough
 * entropy that a plain SHA-256 is a safe way to store it (no salt or slow hash needed, unlike passwords).
 */
public final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 in lower-case hex (64 characters). */
    public static String hash(String token) {
        return Digests.sha256Hex(token);
    }
}
