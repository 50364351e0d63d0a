package cn.hpf.mobile.auth;

import cn.hpf.mobile.common.KeyPairFiles;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The RS256 keys of member and operator tokens: the one that signs ({@code hpf.auth.key-id}) and the public halves
 * of the others still accepted ({@code hpf.auth.accepted-key-ids}), all published as a JWK set that is also what
 * tokens are verified against, by their {@code kid}. Files in {@code hpf.auth.keys-dir}: {@code <kid>.key.pem}
 * (PKCS#8) and {@code <kid>.pub.pem}; the default key id {@value #DEFAULT_KEY_ID} keeps the names private.pem and
 * public.pem, so deployments from before key rotation keep working. In sandbox, dev and test a missing pair is
 * generated; prod refuses to start without its files.
 */
@Startup
@Singleton
public class SigningKeys {

    public static final String DEFAULT_KEY_ID = "hpf-1";
    static final int MIN_KEY_BITS = 2048;
    /** A key id names files: nothing that could leave the folder. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public record Key(String keyId, RSAPublicKey publicKey) {
    }

    private final AuthConfig config;
    private String keyId;
    private PrivateKey privateKey;
    private List<Key> accepted;
    private String jwks;

    public SigningKeys(AuthConfig config) {
        this.config = config;
    }

    @PostConstruct
    void load() {
        Path dir = Path.of(config.keysDir());
        keyId = requireKeyId(config.keyId(), "hpf.auth.key-id");
        KeyPairFiles.Loaded active = KeyPairFiles.loadOrGenerate(privateFile(dir, keyId), publicFile(dir, keyId),
                config.generateKeys(), "configure hpf.auth.keys-dir with the pair of hpf.auth.key-id " + keyId + " ("
                        + privateFile(dir, keyId).getFileName() + ", " + publicFile(dir, keyId).getFileName()
                        + ") or run the sandbox profile, which generates demo keys.");
        requireStrength(active.publicKey(), keyId);
        List<Key> keys = new ArrayList<>();
        keys.add(new Key(keyId, active.publicKey()));
        for (String other : new LinkedHashSet<>(config.acceptedKeyIds().orElse(List.of()))) {
            requireKeyId(other, "hpf.auth.accepted-key-ids");
            if (other.equals(keyId)) {
                continue;
            }
            Path pub = publicFile(dir, other);
            RSAPublicKey key;
            if (Files.exists(pub)) {
                key = KeyPairFiles.readPublic(pub);
            } else if (config.generateKeys()) {
                key = KeyPairFiles.loadOrGenerate(privateFile(dir, other), pub, true, "").publicKey();
            } else {
                throw new IllegalStateException("hpf.auth.accepted-key-ids names " + other + " but "
                        + pub.toAbsolutePath() + " is missing");
            }
            requireStrength(key, other);
            keys.add(new Key(other, key));
        }
        privateKey = active.privateKey();
        accepted = List.copyOf(keys);
        jwks = jwks(accepted);
    }

    /** The key id that signs, the {@code kid} of every token issued now. */
    public String keyId() {
        return keyId;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** Every key a token may be signed with, the signing one first. */
    public List<Key> accepted() {
        return accepted;
    }

    /** The accepted keys as an RFC 7517 JWK set (public parameters only). */
    public String jwks() {
        return jwks;
    }

    static Path privateFile(Path dir, String keyId) {
        return dir.resolve(DEFAULT_KEY_ID.equals(keyId) ? "private.pem" : keyId + ".key.pem");
    }

    static Path publicFile(Path dir, String keyId) {
        return dir.resolve(DEFAULT_KEY_ID.equals(keyId) ? "public.pem" : keyId + ".pub.pem");
    }

    private static String jwks(List<Key> keys) {
        List<JsonWebKey> jwks = new ArrayList<>();
        for (Key key : keys) {
            RsaJsonWebKey jwk = new RsaJsonWebKey(key.publicKey());
            jwk.setKeyId(key.keyId());
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            jwks.add(jwk);
        }
        return new JsonWebKeySet(jwks).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static String requireKeyId(String keyId, String property) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalStateException(property + ": \"" + keyId + "\" is not a key id (letters, digits, . _ -)");
        }
        return keyId;
    }

    private static void requireStrength(RSAPublicKey key, String keyId) {
        if (key.getModulus().bitLength() < MIN_KEY_BITS) {
            throw new IllegalStateException("Signing key " + keyId + " has " + key.getModulus().bitLength()
                    + " bits; at least " + MIN_KEY_BITS + " are required");
        }
    }
}
