package cn.hpf.mobile.audit;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys the audit seals are signed with: the current one signs new seals, retired ones still verify the seals
 * they made. The keys live in the configuration only, so that someone able to rewrite the seal table cannot make a
 * seal the verification accepts.
 */
@ApplicationScoped
public class AuditSealKeys {

    static final int MIN_KEY_LENGTH = 32;
    private static final String KEY_ID = "[A-Za-z0-9._-]{1,32}";
    private static final String ALGORITHM = "HmacSHA256";

    private final String currentId;
    private final Map<String, byte[]> keys = new HashMap<>();

    public AuditSealKeys(AuditConfig config) {
        this.currentId = config.sealKeyId();
        config.sealRetiredKeys().forEach((id, secret) -> keys.put(id, secret.getBytes(StandardCharsets.UTF_8)));
        config.sealKey().ifPresent(secret -> keys.put(currentId, secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** Prod has no key of its own: it must be given one, or it would seal with none. */
    void check(@Observes StartupEvent event, AuditConfig config) {
        String current = config.sealKey().orElse("");
        if (current.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("hpf.audit.seal-key must be set, at least " + MIN_KEY_LENGTH
                    + " characters (the audit seals are signed with it)");
        }
        if (!currentId.matches(KEY_ID)) {
            throw new IllegalStateException("hpf.audit.seal-key-id must match " + KEY_ID);
        }
        config.sealRetiredKeys().forEach((id, secret) -> {
            if (!id.matches(KEY_ID) || secret.length() < MIN_KEY_LENGTH || id.equals(currentId)) {
                throw new IllegalStateException("hpf.audit.seal-retired-keys." + id + ": an id matching " + KEY_ID
                        + " other than hpf.audit.seal-key-id, and a key of at least " + MIN_KEY_LENGTH
                        + " characters");
            }
        });
    }

    /** The id of the key new seals are made with. */
    String currentId() {
        return currentId;
    }

    /** The current key's MAC over a new seal. */
    String sign(long sealId, String hash) {
        return mac(keys.get(currentId), currentId, sealId, hash);
    }

    /** Whether {@code mac} is that key's MAC over the seal; false when the key is not configured. */
    boolean verifies(String keyId, long sealId, String hash, String mac) {
        byte[] key = keyId == null ? null : keys.get(keyId);
        if (key == null || mac == null) {
            return false;
        }
        return MessageDigest.isEqual(mac(key, keyId, sealId, hash).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.UTF_8));
    }

    boolean knows(String keyId) {
        return keyId != null && keys.containsKey(keyId);
    }

    /** Over the seal's id and hash (which covers its range, rows and predecessor) and the key id. */
    private static String mac(byte[] key, String keyId, long sealId, String hash) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(("hpf-audit-seal\n" + keyId + "\n" + sealId + "\n" + hash)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
