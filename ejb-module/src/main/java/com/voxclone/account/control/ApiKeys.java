package com.voxclone.account.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Making and hashing API keys. A key is {@code vxc_} followed by 32 random bytes (base64url); it has enough
 * entropy that a plain SHA-256 is a safe way to store it (no salt or slow hash needed, unlike passwords).
 */
public final class ApiKeys {

    public static final String PREFIX = "vxc_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The first characters of a key, kept so that administrators can tell keys apart. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(12, key.length()));
    }
}
