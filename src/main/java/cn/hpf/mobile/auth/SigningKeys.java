package cn.hpf.mobile.auth;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * The RS256 key pair that signs member and operator tokens. Loaded at startup from {@code hpf.auth.keys-dir};
 * in sandbox, dev and test a demo pair is generated there on first start. No private key is committed, and
 * prod refuses to start without one.
 */
@Startup
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final AuthConfig config;
    private PrivateKey privateKey;

    public SigningKeys(AuthConfig config) {
        this.config = config;
    }

    @PostConstruct
    void load() {
        Path dir = Path.of(config.keysDir());
        Path priv = dir.resolve("private.pem");
        Path pub = dir.resolve("public.pem");
        try {
            if (!Files.exists(priv) || !Files.exists(pub)) {
                if (!config.generateKeys()) {
                    throw new IllegalStateException("No signing keys in " + dir.toAbsolutePath()
                            + ": configure hpf.auth.keys-dir with private.pem and public.pem (or run the sandbox "
                            + "profile, which generates demo keys).");
                }
                generate(dir, priv, pub);
            }
            privateKey = readPrivate(priv);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load signing keys from " + dir.toAbsolutePath(), e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    private static void generate(Path dir, Path priv, Path pub) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path tmpPriv = Files.createTempFile(dir, "private", ".tmp");
        Path tmpPub = Files.createTempFile(dir, "public", ".tmp");
        Files.writeString(tmpPriv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(tmpPub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(tmpPriv, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        // Public first: a concurrent starter that sees private.pem can rely on public.pem being there.
        Files.move(tmpPub, pub, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpPriv, priv, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        LOG.infof("Generated a demo RS256 signing key pair in %s", dir.toAbsolutePath());
    }

    private static PrivateKey readPrivate(Path file) throws IOException, GeneralSecurityException {
        String body = Files.readString(file, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
