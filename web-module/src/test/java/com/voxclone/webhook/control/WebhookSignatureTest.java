package com.voxclone.webhook.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The signature is HMAC-SHA256 as RFC 4231 defines it, over "timestamp.body". */
class WebhookSignatureTest {

    @Test
    void theMacIsRfc4231sHmacSha256() {
        // RFC 4231, test case 2.
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                HexFormat.of().formatHex(WebhookSignature.hmacSha256("Jefe".getBytes(StandardCharsets.US_ASCII),
                        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void theSignedTextIsTheTimestampADotAndTheBody() {
        // printf '1700000000.{"type":"job.status"}' | openssl dgst -sha256 -hmac 'whsecret'
        assertEquals("v1=0ca12d7063cb3cdaf3d9f72005e703ca6a75e09a2b75b679284b68abfa892758",
                WebhookSignature.sign("whsecret", 1_700_000_000L, "{\"type\":\"job.status\"}"));
    }
}
