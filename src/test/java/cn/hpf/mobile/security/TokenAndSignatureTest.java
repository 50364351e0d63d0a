package cn.hpf.mobile.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.Fixtures.Partner;
import cn.hpf.mobile.support.Tokens;
import cn.hpf.partner.client.HpfSignature;
import cn.hpf.partner.client.PartnerClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forged, stale and misdirected credentials, each refused on its own: member tokens (alg none, HS256 keyed with
 * our public key, expired, not yet valid, another issuer, a member's on operators' routes) and partner credentials
 * (a member token of one app presented by another, a signature over another request).
 */
@QuarkusTest
class TokenAndSignatureTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Member member;

    @BeforeEach
    void aMember() {
        member = Fixtures.member(100_000);
    }

    @Test
    void algNoneIsRefused() {
        refusedEverywhere(Tokens.algNone(member.id()));
    }

    @Test
    void hs256KeyedWithOurPublicKeyIsRefused() throws Exception {
        // The classic confusion: a verifier that takes the "alg" of the token would check an HMAC with the public key
        // (which anybody can read) as its secret. Both of the key's usual encodings are tried as that secret.
        String dir = ConfigProvider.getConfig().getValue("hpf.auth.keys-dir", String.class);
        byte[] pem = Files.readAllBytes(Path.of(dir, "public.pem"));
        byte[] der = Base64.getMimeDecoder().decode(new String(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", ""));
        assertThat(given().get("/v1/auth/jwks").then().statusCode(200).extract().jsonPath().getList("keys.kid"))
                .contains(Tokens.signingKeyId());
        for (byte[] secret : new byte[][]{pem, der}) {
            refusedEverywhere(hs256(secret));
        }
    }

    @Test
    void anExpiredTokenIsRefused() {
        refusedEverywhere(Tokens.expired(member.id()));
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        long now = Instant.now().getEpochSecond();
        // Valid from ten minutes on (nbf), well past the allowed clock skew.
        refusedEverywhere(Jwt.issuer(Tokens.issuer()).subject(Long.toString(member.id())).groups(Set.of("member"))
                .claim("channel", "APP").issuedAt(now).claim("nbf", now + 600).expiresAt(now + 900)
                .jws().keyId(Tokens.signingKeyId()).sign(Tokens.testSigningKey()));
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        long now = Instant.now().getEpochSecond();
        // Issued a day from now and valid ten minutes from then: without an iat check it would work for a day.
        refusedEverywhere(ownSigned(now + 86_400, now + 86_400 + 600));
    }

    @Test
    void aTokenLivingLongerThanAnyWeIssueIsRefused() {
        long now = Instant.now().getEpochSecond();
        refusedEverywhere(ownSigned(now, now + 30L * 86_400));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        refusedEverywhere(Tokens.wrongIssuer(member.id()));
    }

    @Test
    void aMemberTokenOnOperatorRoutesIsForbiddenAndChangesNothing() {
        String switches = Api.asOperator().get("/v1/ops/switches").then().statusCode(200).extract().asString();
        member.api().get("/v1/ops/switches").then().statusCode(403);
        member.api().get("/v1/ops/reconciliation").then().statusCode(403);
        member.api().contentType(ContentType.JSON).body(Map.of("reason", "a member tries"))
                .post("/v1/ops/payouts/pause").then().statusCode(403);
        member.api().contentType(ContentType.JSON).body(Map.of("reason", "a member tries"))
                .post("/v1/ops/admissions/pause").then().statusCode(403);
        assertThat(Api.asOperator().get("/v1/ops/switches").then().statusCode(200).extract().asString())
                .isEqualTo(switches);
        // And the other way round: an operator is not a member.
        Api.asOperator().get("/v1/me/account").then().statusCode(403);
    }

    @Test
    void aPartnersMemberTokenIsRefusedWhenAnotherAppPresentsIt() {
        Partner own = Fixtures.partner();
        Partner other = Fixtures.partner();
        String token = own.token(member, "account", "withdrawal");
        assertThat(own.client().get("/partner/v1/account", token).status()).isEqualTo(200);

        PartnerClient.Reply stolen = other.client().get("/partner/v1/account", token);
        assertRefused(stolen, 401, "MEMBER_TOKEN_INVALID");
        String face = "PASS-" + UUID.randomUUID();
        assertRefused(other.client().post("/partner/v1/face-verifications",
                Map.of("purpose", "WITHDRAWAL", "certifyId", face), token), 401, "MEMBER_TOKEN_INVALID");
        assertThat(Db.queryLong("SELECT count(*) FROM face_verification WHERE member_id = " + member.id()))
                .isZero();
        // Nor is it a bearer token of the member's app.
        given().auth().oauth2(token).get("/v1/me/account").then().statusCode(401);
    }

    @Test
    void aPartnerSignatureOverAnotherRequestIsRefused() {
        Partner p = Fixtures.partner();
        String token = p.token(member, "account", "withdrawal", "statements");
        // Signed for one target, sent to another.
        assertRefused(signedFor(p, "GET", "/partner/v1/account", null, "GET", "/partner/v1/bank-cards", null, token),
                401, "INVALID_SIGNATURE");
        assertRefused(signedFor(p, "GET", "/partner/v1/statements?limit=1", null, "GET",
                "/partner/v1/statements?limit=100", null, token), 401, "INVALID_SIGNATURE");
        // Signed as a read, sent as a write with the same target.
        byte[] body = ("{\"purpose\":\"WITHDRAWAL\",\"certifyId\":\"PASS-" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertRefused(signedFor(p, "GET", "/partner/v1/face-verifications", null, "POST",
                "/partner/v1/face-verifications", body, token), 401, "INVALID_SIGNATURE");
        assertThat(Db.queryLong("SELECT count(*) FROM face_verification WHERE member_id = " + member.id()))
                .isZero();
        // The app's key, but under another app's id.
        Partner other = Fixtures.partner();
        String ts = Long.toString(Instant.now().getEpochSecond());
        String nonce = HpfSignature.newNonce();
        String sig = HpfSignature.sign(p.keys().getPrivate(),
                HpfSignature.requestBytes("GET", "/partner/v1/account", ts, nonce, null));
        assertRefused(p.client().sendRaw("GET", "/partner/v1/account", null, token,
                HpfSignature.authorization(other.appId(), p.keyId(), ts, nonce, sig), nonce), 401,
                "INVALID_SIGNATURE");
    }

    /** Refused (401) on a read and on a money route, and the money route admitted nothing. */
    private void refusedEverywhere(String token) {
        given().auth().oauth2(token).get("/v1/me/account").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("category", "PURCHASE", "amountFen", 1_000, "bankCardId", member.cardId(),
                        "faceVerificationId", UUID.randomUUID().toString()))
                .post("/v1/withdrawals").then().statusCode(401);
        assertThat(Fixtures.withdrawals(member)).isZero();
        assertThat(Fixtures.held(member)).isZero();
        member.api().get("/v1/me/account").then().statusCode(200).body("balanceFen", equalTo(100_000));
    }

    /** A member token signed with our own key, with the given iat and exp. */
    private String ownSigned(long issuedAt, long expiresAt) {
        return Jwt.issuer(Tokens.issuer()).subject(Long.toString(member.id())).groups(Set.of("member"))
                .claim("channel", "APP").issuedAt(issuedAt).expiresAt(expiresAt)
                .jws().keyId(Tokens.signingKeyId()).sign(Tokens.testSigningKey());
    }

    private String hs256(byte[] secret) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = B64.encodeToString(("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + Tokens.signingKeyId()
                + "\"}").getBytes(StandardCharsets.UTF_8));
        String claims = B64.encodeToString(("{\"iss\":\"" + Tokens.issuer() + "\",\"sub\":\"" + member.id()
                + "\",\"groups\":[\"member\"],\"channel\":\"APP\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String signingInput = header + "." + claims;
        return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static PartnerClient.Reply signedFor(Partner p, String signedMethod, String signedTarget, byte[] signedBody,
                                                 String sentMethod, String sentTarget, byte[] sentBody, String token) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        String nonce = HpfSignature.newNonce();
        String sig = HpfSignature.sign(p.keys().getPrivate(),
                HpfSignature.requestBytes(signedMethod, signedTarget, ts, nonce, signedBody));
        return p.client().sendRaw(sentMethod, sentTarget, sentBody, token,
                HpfSignature.authorization(p.appId(), p.keyId(), ts, nonce, sig), nonce);
    }

    private static void assertRefused(PartnerClient.Reply r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().path("code").asText()).as(r.text()).isEqualTo(code);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
}
