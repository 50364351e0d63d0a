package cn.hpf.mobile.common.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an incoming provider or platform callback: lowercase hex HMAC-SHA256(secret, timestamp + "." +
 * nonce + "." + rawBody). Timestamp and nonce are inside the MAC so that neither can be swapped to dodge the
 * freshness or replay checks.
 */
public final class CallbackSignature {

    public static final String TIMESTAMP_HEADER = "X-Hpf-Timestamp";
    public static final String NONCE_HEADER = "X-Hpf-Nonce";
    public static final String SIGNATURE_HEADER = "X-Hpf-Signature";

    private CallbackSignature() {
    }

    public static String sign(byte[] secret, String timestamp, String nonce, byte[] rawBody) {
        return HexFormat.of().formatHex(mac(secret, timestamp, nonce, rawBody));
    }

    /** Constant-time: the comparison does not reveal how many leading bytes matched. */
    public static boolean verify(byte[] secret, String timestamp, String nonce, byte[] rawBody, String signature) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, timestamp, nonce, rawBody), given);
    }

    private static byte[] mac(byte[] secret, String timestamp, String nonce, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + "." + nonce + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(rawBody);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
