package cn.hpf.mobile.certificate;

import cn.hpf.partner.client.Pem;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.logging.Logger;

/**
 * The centre's document-signing key and X.509 certificate (with its chain), loaded at startup from
 * {@code hpf.certificate.keys-dir}: private.pem (PKCS#8) and certificate.pem (the signing certificate first). In
 * sandbox, dev and test a self-signed demo pair is generated there on first start; no private key is committed,
 * and prod refuses to start without both files.
 */
@Startup
@Singleton
public class CentreSigningKeys {

    private static final Logger LOG = Logger.getLogger(CentreSigningKeys.class);

    private final CertificateConfig config;
    private PrivateKey privateKey;
    private List<X509Certificate> chain;

    public CentreSigningKeys(CertificateConfig config) {
        this.config = config;
    }

    @PostConstruct
    void load() {
        Path dir = Path.of(config.keysDir());
        Path keyFile = dir.resolve("private.pem");
        Path certFile = dir.resolve("certificate.pem");
        try {
            if (Files.exists(keyFile) && Files.exists(certFile)) {
                privateKey = Pem.readPrivateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
                chain = readChain(certFile);
                if (matches()) {
                    return;
                }
                if (!config.generateKeys()) {
                    throw new IllegalStateException(keyFile.toAbsolutePath() + " is not the key of the certificate in "
                            + certFile.toAbsolutePath());
                }
                // Two sandbox replicas generated at the same moment: make a consistent pair of our own.
            } else if (!config.generateKeys()) {
                throw new IllegalStateException("No certificate signing key at " + dir.toAbsolutePath() + ": configure "
                        + "hpf.certificate.keys-dir with private.pem and certificate.pem (or run the sandbox profile, "
                        + "which generates a self-signed demo pair).");
            }
            generate(dir, keyFile, certFile);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot load the certificate signing key from " + dir.toAbsolutePath(), e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The signing certificate first, then the certificates that issued it. */
    public List<X509Certificate> chain() {
        return chain;
    }

    private boolean matches() {
        return chain.get(0).getPublicKey() instanceof java.security.interfaces.RSAPublicKey pub
                && privateKey instanceof java.security.interfaces.RSAPrivateCrtKey priv
                && pub.getModulus().equals(priv.getModulus());
    }

    private static List<X509Certificate> readChain(Path certFile) throws IOException, GeneralSecurityException {
        byte[] pem = Files.readAllBytes(certFile);
        List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem)).stream().map(c -> (X509Certificate) c).toList();
        if (certs.isEmpty()) {
            throw new IllegalStateException("No certificate in " + certFile.toAbsolutePath());
        }
        return certs;
    }

    private void generate(Path dir, Path keyFile, Path certFile)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Files.createDirectories(dir);
        KeyPair pair = Pem.newRsaKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, config.centreNameEn() + " (sandbox document signing)")
                .addRDN(BCStyle.O, config.centreNameEn())
                .addRDN(BCStyle.C, "CN")
                .build();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject,
                pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        StringWriter certPem = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(certPem)) {
            w.writeObject(cert);
        }
        Path tmpKey = Files.createTempFile(dir, "private", ".tmp");
        Path tmpCert = Files.createTempFile(dir, "certificate", ".tmp");
        Files.writeString(tmpKey, Pem.privateKey(pair.getPrivate()), StandardCharsets.US_ASCII);
        Files.writeString(tmpCert, certPem.toString(), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(tmpKey, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(tmpCert, certFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpKey, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // What this replica signs with is what it generated, whatever another starting replica writes meanwhile.
        privateKey = pair.getPrivate();
        chain = List.of(cert);
        LOG.infof("Generated a self-signed demo certificate signing key at %s", keyFile.toAbsolutePath());
    }
}
