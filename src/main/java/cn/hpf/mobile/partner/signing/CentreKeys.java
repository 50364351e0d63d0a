package cn.hpf.mobile.partner.signing;

import cn.hpf.mobile.common.KeyPairFiles;
import cn.hpf.mobile.partner.PartnerConfig;
import cn.hpf.partner.client.HpfSignature;
import cn.hpf.partner.client.Pem;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The centre's keys for signing partner responses and notifications: one ACTIVE key that signs, and RETIRING ones
 * still published (GET /partner/v1/keys) while partners move over. Files in {@code hpf.partner.keys-dir}:
 * {@code <keyId>.key.pem} (PKCS#8) and {@code <keyId>.pub.pem} (SPKI).
 */
@Startup
@Singleton
public class CentreKeys {

    public record Published(String keyId, String status, String publicKeyPem) {
    }

    /** A signed answer's headers. */
    public record Signed(String keyId, String timestamp, String nonce, String signature) {
    }

    private final PartnerConfig config;
    private PrivateKey signingKey;
    private List<Published> published;

    public CentreKeys(PartnerConfig config) {
        this.config = config;
    }

    @PostConstruct
    void load() {
        Path dir = Path.of(config.keysDir());
        KeyPairFiles.Loaded active = KeyPairFiles.loadOrGenerate(dir.resolve(config.keyId() + ".key.pem"),
                dir.resolve(config.keyId() + ".pub.pem"), config.generateKeys(),
                "configure hpf.partner.keys-dir and hpf.partner.key-id with the partner signing key pair");
        requireStrength(active.publicKey(), config.keyId());
        signingKey = active.privateKey();
        List<Published> keys = new ArrayList<>();
        keys.add(new Published(config.keyId(), "ACTIVE", Pem.publicKey(active.publicKey())));
        for (String retiring : config.retiringKeyIds().orElse(List.of())) {
            Path pub = dir.resolve(retiring + ".pub.pem");
            if (!Files.exists(pub)) {
                throw new IllegalStateException("hpf.partner.retiring-key-ids names " + retiring + " but "
                        + pub.toAbsolutePath() + " is missing");
            }
            keys.add(new Published(retiring, "RETIRING", Pem.publicKey(KeyPairFiles.readPublic(pub))));
        }
        published = List.copyOf(keys);
    }

    public List<Published> published() {
        return published;
    }

    /** Signs {@code body} bound to {@code nonce} at {@code epochSeconds} with the ACTIVE key. */
    public Signed sign(long epochSeconds, String nonce, byte[] body) {
        String timestamp = Long.toString(epochSeconds);
        return new Signed(config.keyId(), timestamp, nonce,
                HpfSignature.sign(signingKey, HpfSignature.responseBytes(timestamp, nonce, body)));
    }

    static void requireStrength(RSAPublicKey key, String keyId) {
        if (key.getModulus().bitLength() < HpfSignature.MIN_KEY_BITS) {
            throw new IllegalStateException("Key " + keyId + " has " + key.getModulus().bitLength()
                    + " bits; at least " + HpfSignature.MIN_KEY_BITS + " are required");
        }
    }
}
