package cn.hpf.mobile.certificate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Deposit certificates (缴存证明): who issues them, how long they hold, how they are signed and verified. */
@ConfigMapping(prefix = "hpf.certificate")
public interface CertificateConfig {

    /** The issuing centre, printed on every certificate and answered by the verification. */
    @WithName("centre-name")
    String centreName();

    @WithName("centre-name-en")
    String centreNameEn();

    /**
     * Where the QR code points: {@code <base>/h5/verify?code=<code>}, the H5 page's public verification view. The
     * public address of the application (it serves the page and the API).
     */
    @WithName("verify-base-url")
    String verifyBaseUrl();

    /** How long a certificate can be verified after issue. */
    @WithDefault("P90D")
    Duration validity();

    /** A TrueType font or collection with CJK glyphs in TrueType outlines (PDFBox cannot embed CFF ones). */
    String font();

    /** Folder holding private.pem (PKCS#8) and certificate.pem (the signing certificate, then its chain). */
    @WithName("keys-dir")
    String keysDir();

    /** Sandbox, dev and test only: create a self-signed demo key and certificate there when none exists. */
    @WithName("generate-keys")
    @WithDefault("false")
    boolean generateKeys();
}
