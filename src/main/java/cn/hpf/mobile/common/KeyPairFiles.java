package cn.hpf.mobile.common;

import cn.hpf.partner.client.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;

/**
 * An RSA key pair kept as two PEM files (PKCS#8 private, SPKI public). Sandbox, dev and test generate a demo pair
 * on first start; no private key is committed, and production refuses to start without its files.
 */
public final class KeyPairFiles {

    private KeyPairFiles() {
    }

    public record Loaded(PrivateKey privateKey, RSAPublicKey publicKey) {
    }

    /**
     * Reads {@code privateFile} and {@code publicFile}; when they are missing, generates them if {@code generate},
     * else fails with {@code missingHint}.
     */
    public static Loaded loadOrGenerate(Path privateFile, Path publicFile, boolean generate, String missingHint) {
        try {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                if (!generate) {
                    throw new IllegalStateException("No key pair at " + privateFile.toAbsolutePath() + ": " + missingHint);
                }
                generate(privateFile, publicFile);
            }
            return new Loaded(Pem.readPrivateKey(Files.readString(privateFile, StandardCharsets.US_ASCII)),
                    Pem.readPublicKey(Files.readString(publicFile, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the key pair at " + privateFile.toAbsolutePath(), e);
        }
    }

    /** A public key alone (a retiring key whose private half is gone). */
    public static RSAPublicKey readPublic(Path publicFile) {
        try {
            return Pem.readPublicKey(Files.readString(publicFile, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the public key " + publicFile.toAbsolutePath(), e);
        }
    }

    private static void generate(Path privateFile, Path publicFile) throws IOException {
        Path dir = privateFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        KeyPair pair = Pem.newRsaKeyPair();
        Path tmpPriv = Files.createTempFile(dir, "private", ".tmp");
        Path tmpPub = Files.createTempFile(dir, "public", ".tmp");
        Files.writeString(tmpPriv, Pem.privateKey(pair.getPrivate()), StandardCharsets.US_ASCII);
        Files.writeString(tmpPub, Pem.publicKey(pair.getPublic()), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(tmpPriv, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        // Public first: a concurrent starter that sees the private file can rely on the public one being there.
        Files.move(tmpPub, publicFile, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpPriv, privateFile, StandardCopyOption.ATOMIC_MOVE);
        org.jboss.logging.Logger.getLogger(KeyPairFiles.class)
                .infof("Generated a demo RSA key pair at %s", privateFile.toAbsolutePath());
    }
}
