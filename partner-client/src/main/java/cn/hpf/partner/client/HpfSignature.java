package cn.hpf.partner.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;

/**
 * The HPF-SHA256-RSA2048 scheme: which bytes are signed, and how. One definition for the partner's side and the
 * centre's side; {@code test-vectors.json} pins it byte for byte.
 *
 * <ul>
 *   <li>A request: METHOD, the request-target exactly as sent (path and {@code ?query}, percent-encoding untouched),
 *   timestamp, nonce and the raw body, each followed by {@code \n}; signed with the partner's key.</li>
 *   <li>A response or a notification: timestamp, nonce and the raw body, each followed by {@code \n}; signed with
 *   the centre's key. A response's nonce is its request's.</li>
 * </ul>
 * RSASSA-PKCS1-v1_5 with SHA-256, keys of at least 2048 bits, standard base64 with padding.
 */
public final class HpfSignature {

    public static final String SCHEME = "HPF-SHA256-RSA2048";
    public static final String MEMBER_TOKEN_HEADER = "Hpf-Member-Token";
    public static final String KEY_ID_HEADER = "Hpf-Key-Id";
    public static final String TIMESTAMP_HEADER = "Hpf-Timestamp";
    public static final String NONCE_HEADER = "Hpf-Nonce";
    public static final String SIGNATURE_HEADER = "Hpf-Signature";
    public static final int MIN_KEY_BITS = 2048;

    private static final String ALGORITHM = "SHA256withRSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private HpfSignature() {
    }

    /** The bytes a partner signs for a request. */
    public static byte[] requestBytes(String method, String target, String timestamp, String nonce, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, method.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        line(out, target.getBytes(StandardCharsets.UTF_8));
        line(out, timestamp.getBytes(StandardCharsets.UTF_8));
        line(out, nonce.getBytes(StandardCharsets.UTF_8));
        line(out, body == null ? new byte[0] : body);
        return out.toByteArray();
    }

    /** The bytes the centre signs for a response (nonce: the request's) or a notification (a fresh nonce). */
    public static byte[] responseBytes(String timestamp, String nonce, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, timestamp.getBytes(StandardCharsets.UTF_8));
        line(out, nonce.getBytes(StandardCharsets.UTF_8));
        line(out, body == null ? new byte[0] : body);
        return out.toByteArray();
    }

    public static String sign(PrivateKey key, byte[] bytes) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(bytes);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** False for a wrong signature, malformed base64 or an unusable key; never throws. */
    public static boolean verify(PublicKey key, byte[] bytes, String signature) {
        try {
            byte[] raw = Base64.getDecoder().decode(signature);
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(bytes);
            return s.verify(raw);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A fresh nonce: 32 characters of base64url (192 random bits). */
    public static String newNonce() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The {@code Authorization} header value for a request signed with {@code signature}. */
    public static String authorization(String appId, String keyId, String timestamp, String nonce, String signature) {
        return SCHEME + " app_id=\"" + appId + "\",key_id=\"" + keyId + "\",timestamp=\"" + timestamp
                + "\",nonce=\"" + nonce + "\",signature=\"" + signature + "\"";
    }

    private static void line(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(bytes);
        out.write('\n');
    }
}
