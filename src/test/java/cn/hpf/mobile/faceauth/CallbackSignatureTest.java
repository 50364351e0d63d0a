package cn.hpf.mobile.faceauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CallbackSignatureTest {

    private static final byte[] SECRET = "key".getBytes(StandardCharsets.UTF_8);

    @Test
    void isHexHmacSha256OfTimestampNonceAndBody() {
        // Reference value: printf '1700000000.abc.{}' | openssl dgst -sha256 -hmac key
        assertEquals("5b0ed6a1c8da1ca2b44c3493245ec6b1f8b9cf1dc9cfc6cac3f44b488f289e52",
                CallbackSignature.sign(SECRET, "1700000000", "abc", "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void verifiesOnlyTheExactMessage() {
        byte[] body = "{\"providerRef\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        String sig = CallbackSignature.sign(SECRET, "1700000000", "nonce-1", body);
        assertTrue(CallbackSignature.verify(SECRET, "1700000000", "nonce-1", body, sig));
        assertTrue(CallbackSignature.verify(SECRET, "1700000000", "nonce-1", body, sig.toUpperCase()));
        assertFalse(CallbackSignature.verify(SECRET, "1700000001", "nonce-1", body, sig));
        assertFalse(CallbackSignature.verify(SECRET, "1700000000", "nonce-2", body, sig));
        assertFalse(CallbackSignature.verify(SECRET, "1700000000", "nonce-1", "{}".getBytes(), sig));
        assertFalse(CallbackSignature.verify("other".getBytes(), "1700000000", "nonce-1", body, sig));
        assertFalse(CallbackSignature.verify(SECRET, "1700000000", "nonce-1", body, sig.substring(2)));
        assertFalse(CallbackSignature.verify(SECRET, "1700000000", "nonce-1", body, "zz" + sig.substring(2)));
    }
}
