package com.voxclone.account.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Proof Key for Code Exchange (RFC 7636), method S256: a code stolen on its way back is useless without the verifier. */
public final class Pkce {

    public static final String METHOD = "S256";

    private Pkce() {
    }

    /** A fresh code verifier: 43 characters of base64url, the shortest the RFC allows, from 32 random bytes. */
    public static String newVerifier() {
        return SecretTokens.random();
    }

    /** BASE64URL(SHA-256(verifier)), without padding. */
    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
