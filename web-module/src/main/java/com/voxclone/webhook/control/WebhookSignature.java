package com.voxclone.webhook.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a delivery is signed: {@code v1=} and the hex HMAC-SHA256, keyed with the endpoint's secret, of the timestamp, a
 * dot and the body. A receiver computes the same over the headers it got and compares; the timestamp in the signed text
 * lets it refuse old deliveries replayed later.
 */
public final class WebhookSignature {

    public static final String ID = "VoxClone-Webhook-Id";
    public static final String TIMESTAMP = "VoxClone-Webhook-Timestamp";
    public static final String SIGNATURE = "VoxClone-Webhook-Signature";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        return "v1=" + HexFormat.of().formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
