package cn.hpf.mobile.support;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/** Forges tokens for the authentication failure cases: expired, wrong key, alg none, wrong issuer. */
public final class Tokens {

    private Tokens() {
    }

    public static String issuer() {
        return ConfigProvider.getConfig().getValue("hpf.auth.issuer", String.class);
    }

    /** The private key of the signing key id (hpf.auth.key-id, whose files are private.pem / public.pem). */
    public static PrivateKey testSigningKey() {
        return privateKey("private.pem");
    }

    /** The test profile's retired key, still accepted (hpf.auth.accepted-key-ids). */
    public static PrivateKey retiredKey() {
        return privateKey(RETIRED_KEY_ID + ".key.pem");
    }

    public static final String RETIRED_KEY_ID = "hpf-0";

    public static String signingKeyId() {
        return ConfigProvider.getConfig().getValue("hpf.auth.key-id", String.class);
    }

    private static PrivateKey privateKey(String file) {
        try {
            String dir = ConfigProvider.getConfig().getValue("hpf.auth.keys-dir", String.class);
            String body = Files.readString(Path.of(dir, file))
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String member(long memberId, String issuer, Instant expiresAt, PrivateKey key) {
        return member(memberId, issuer, expiresAt, key, "APP", signingKeyId());
    }

    /** A valid member token signed by {@code key} under the header {@code kid}. */
    public static String signedAs(long memberId, PrivateKey key, String keyId) {
        return member(memberId, issuer(), Instant.now().plusSeconds(600), key, "APP", keyId);
    }

    private static String member(long memberId, String issuer, Instant expiresAt, PrivateKey key, String channel) {
        return member(memberId, issuer, expiresAt, key, channel, signingKeyId());
    }

    private static String member(long memberId, String issuer, Instant expiresAt, PrivateKey key, String channel,
                                 String keyId) {
        return Jwt.issuer(issuer).subject(Long.toString(memberId)).groups(Set.of("member"))
                .claim("channel", channel).issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt)
                .jws().keyId(keyId).sign(key);
    }

    /** Correctly signed, but naming a channel this service does not know. */
    public static String unknownChannel(long memberId) {
        return member(memberId, issuer(), Instant.now().plusSeconds(600), testSigningKey(), "FAX");
    }

    public static String valid(long memberId) {
        return member(memberId, issuer(), Instant.now().plusSeconds(600), testSigningKey());
    }

    public static String expired(long memberId) {
        return member(memberId, issuer(), Instant.now().minusSeconds(120), testSigningKey());
    }

    public static String wrongIssuer(long memberId) {
        return member(memberId, "https://evil.example/auth", Instant.now().plusSeconds(600), testSigningKey());
    }

    public static String signedByAnotherKey(long memberId) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return member(memberId, issuer(), Instant.now().plusSeconds(600), g.generateKeyPair().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String algNone(long memberId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String claims = b64.encodeToString(("{\"iss\":\"" + issuer() + "\",\"sub\":\"" + memberId
                + "\",\"groups\":[\"member\"],\"exp\":" + exp + ",\"iat\":" + (exp - 900) + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }
}
