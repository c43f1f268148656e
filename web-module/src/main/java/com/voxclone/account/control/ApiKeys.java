package com.voxclone.account.control;

/** Making and hashing API keys: {@code vxc_} followed by a {@link SecretTokens#random() random token}. */
public final class ApiKeys {

    public static final String PREFIX = "vxc_";

    private ApiKeys() {
    }

    public static String generate() {
        return PREFIX + SecretTokens.random();
    }

    public static String hash(String key) {
        return SecretTokens.hash(key);
    }

    /** The first characters of a key, kept so that administrators can tell keys apart. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(12, key.length()));
    }
}
