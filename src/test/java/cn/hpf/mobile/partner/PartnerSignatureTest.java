package cn.hpf.mobile.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.adversary.RedisAdversary;
import cn.hpf.partner.client.HpfSignature;
import cn.hpf.partner.client.PartnerClient;
import cn.hpf.partner.client.Pem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The partner door: every request signed over its exact bytes, checked in a fixed order with an answer of its
 * own; every answer signed and bound to its request.
 */
@QuarkusTest
class PartnerSignatureTest {

    private Fixtures.Partner partner;
    private String token;

    @BeforeEach
    void aPartnerActingForAMember() {
        partner = Fixtures.partner();
        Fixtures.Member m = Fixtures.member(100_000);
        token = partner.token(m, "account", "statements", "withdrawal");
    }

    @Test
    void aSignedRequestIsAnsweredSignedAndBoundToItsNonce() {
        String nonce = HpfSignature.newNonce();
        PartnerClient.Reply r = partner.client().send("GET", "/partner/v1/account", null, token, now(), nonce);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.verified()).isTrue();
        assertThat(r.header(HpfSignature.NONCE_HEADER)).isEqualTo(nonce);
        assertThat(r.json().has("memberId")).isFalse();
        assertThat(r.json().path("openId").asText()).startsWith("o_");
    }

    @Test
    void aTamperedBodyTargetQueryOrTimestampIsNotTheSignedRequest() {
        String ts = now();
        // The body: signed one, sent another.
        byte[] signedBody = "{\"purpose\":\"WITHDRAWAL\",\"certifyId\":\"PASS-1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] sentBody = "{\"purpose\":\"WITHDRAWAL\",\"certifyId\":\"PASS-2\"}".getBytes(StandardCharsets.UTF_8);
        assertRefused(send("POST", "/partner/v1/face-verifications", signedBody, "/partner/v1/face-verifications",
                sentBody, ts, ts), 401, "INVALID_SIGNATURE");
        // The target and its query.
        assertRefused(send("GET", "/partner/v1/account", null, "/partner/v1/account?x=1", null, ts, ts), 401,
                "INVALID_SIGNATURE");
        assertRefused(send("GET", "/partner/v1/statements?limit=5", null, "/partner/v1/statements?limit=6", null, ts,
                ts), 401, "INVALID_SIGNATURE");
        // Percent-encoding is part of the target as sent: %41 is not A.
        assertRefused(send("GET", "/partner/v1/statements?type=DEPOSIT", null, "/partner/v1/statements?type=DEPOSI%54",
                null, ts, ts), 401, "INVALID_SIGNATURE");
        // The timestamp in the header, not the one signed.
        String other = Long.toString(Long.parseLong(ts) - 1);
        assertRefused(send("GET", "/partner/v1/account", null, "/partner/v1/account", null, ts, other), 401,
                "INVALID_SIGNATURE");
    }

    @Test
    void theHeaderGrammarIsStrictButTheSchemeIsCaseInsensitiveAndParametersComeInAnyOrder() {
        String ts = now();
        String nonce = HpfSignature.newNonce();
        String sig = HpfSignature.sign(partner.keys().getPrivate(),
                HpfSignature.requestBytes("GET", "/partner/v1/account", ts, nonce, null));
        String app = "app_id=\"" + partner.appId() + "\"";
        String key = "key_id=\"" + partner.keyId() + "\"";
        String t = "timestamp=\"" + ts + "\"";
        String n = "nonce=\"" + nonce + "\"";
        String s = "signature=\"" + sig + "\"";
        List<String> malformed = List.of(
                "Bearer " + app + "," + key + "," + t + "," + n + "," + s,
                "HPF-SHA256-RSA2048 " + app + "," + key + "," + t + "," + n,
                "HPF-SHA256-RSA2048 " + app + "," + key + "," + t + "," + n + "," + s + "," + app,
                "HPF-SHA256-RSA2048 " + app + "," + key + "," + t + "," + n + "," + s + ",extra=\"1\"",
                "HPF-SHA256-RSA2048 " + app + "," + key + ",timestamp=" + ts + "," + n + "," + s,
                "HPF-SHA256-RSA2048 " + app + "," + key + "," + t + "," + n + ";" + s,
                "HPF-SHA256-RSA2048 " + app + "," + key + "," + t + ",nonce=\"a\\\"b" + nonce + "\"," + s,
                "HPF-SHA256-RSA2048 " + app + "," + key + ",timestamp=\"" + ts + "0\"," + n + "," + s,
                "HPF-SHA256-RSA2048 " + app + "," + key + "," + t + ",nonce=\"short\"," + s,
                "HPF-SHA256-RSA2048" + app + "," + key + "," + t + "," + n + "," + s,
                "HPF-SHA256-RSA2048 " + app + ",," + key + "," + t + "," + n + "," + s);
        for (String header : malformed) {
            assertRefused(partner.client().sendRaw("GET", "/partner/v1/account", null, token, header, null), 401,
                    "INVALID_SIGNATURE");
        }
        // Lower-case scheme, shuffled order, spaces around the commas: the same signature, accepted (once).
        String relaxed = "hpf-sha256-rsa2048  " + s + " ,  " + n + "," + t + " , " + key + "," + app;
        assertThat(partner.client().sendRaw("GET", "/partner/v1/account", null, token, relaxed, nonce).status())
                .isEqualTo(200);
    }

    @Test
    void aMissingHeaderIs401WithTheScheme() {
        PartnerClient.Reply r = partner.client().sendRaw("GET", "/partner/v1/account", null, token, null, null);
        assertRefused(r, 401, "INVALID_SIGNATURE");
        assertThat(r.header("WWW-Authenticate")).isEqualTo(HpfSignature.SCHEME);
    }

    @Test
    void aNonceIsAcceptedOnceAlsoAfterRedisForgetsEverything() {
        // Signed a few seconds ago: before the moment Redis will forget (a request signed in that very second
        // cannot be told apart, and is let through).
        String ts = Long.toString(Instant.now().getEpochSecond() - 5);
        String nonce = HpfSignature.newNonce();
        assertThat(partner.client().send("GET", "/partner/v1/account", null, token, ts, nonce).status()).isEqualTo(200);
        assertRefused(partner.client().send("GET", "/partner/v1/account", null, token, ts, nonce), 401,
                "NONCE_REPLAYED");

        String nonce2 = HpfSignature.newNonce();
        assertThat(partner.client().send("GET", "/partner/v1/account", null, token, ts, nonce2).status())
                .isEqualTo(200);
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            redis.flush();
        }
        // Redis no longer remembers nonce2: the request, replayed as it was, is still refused.
        assertRefused(partner.client().send("GET", "/partner/v1/account", null, token, ts, nonce2), 401,
                "NONCE_REPLAYED");
        // A request signed now goes through.
        assertThat(partner.client().send("GET", "/partner/v1/account", null, token).status()).isEqualTo(200);
    }

    @Test
    void staleAndFutureTimestampsAreOutOfTheWindow() {
        // Seconds apart from the window's edge: the server's second may tick between reading now and checking.
        long now = Instant.now().getEpochSecond();
        for (long ts : new long[]{now - 305, now + 305}) {
            assertRefused(partner.client().send("GET", "/partner/v1/account", null, token, Long.toString(ts),
                    HpfSignature.newNonce()), 401, "TIMESTAMP_OUT_OF_WINDOW");
        }
        assertThat(partner.client().send("GET", "/partner/v1/account", null, token, Long.toString(now - 290),
                HpfSignature.newNonce()).status()).isEqualTo(200);
    }

    @Test
    void anUnknownAppIsRefusedBeforeAnythingElse() {
        PartnerClient stranger = new PartnerClient(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port),
                "2099999999999999", partner.keyId(), partner.keys().getPrivate());
        assertRefused(stranger.send("GET", "/partner/v1/account", null, token, "1000000000",
                HpfSignature.newNonce()), 401, "UNKNOWN_APP");
    }

    @Test
    void aKeyRotatesWithOverlapAndARetiredKeyIsRefused() {
        KeyPair next = Pem.newRsaKeyPair();
        Api.asOperator().contentType(ContentType.JSON)
                .body(Map.of("keyId", "next-key", "publicKeyPem", Pem.publicKey(next.getPublic())))
                .post("/v1/ops/channels/" + partner.appId() + "/keys").then().statusCode(201);
        PartnerClient rotated = new PartnerClient(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port),
                partner.appId(), "next-key", next.getPrivate());
        await().atMost(Duration.ofSeconds(3)).until(() -> rotated.get("/partner/v1/account", token).status() == 200);
        assertThat(partner.client().get("/partner/v1/account", token).status()).as("the old key still").isEqualTo(200);

        Api.asOperator().delete("/v1/ops/channels/" + partner.appId() + "/keys/" + partner.keyId())
                .then().statusCode(204);
        await().atMost(Duration.ofSeconds(3)).until(() ->
                partner.client().get("/partner/v1/account", token).status() == 401);
        assertRefused(partner.client().get("/partner/v1/account", token), 401, "INVALID_SIGNATURE");
        assertThat(rotated.get("/partner/v1/account", token).status()).isEqualTo(200);
    }

    @Test
    void aSuspendedChannelIsRefusedUntilResumed() {
        Api.asOperator().post("/v1/ops/channels/" + partner.appId() + "/suspend").then().statusCode(200);
        await().atMost(Duration.ofSeconds(3)).until(() ->
                partner.client().get("/partner/v1/account", token).status() == 403);
        assertRefused(partner.client().get("/partner/v1/account", token), 403, "CHANNEL_SUSPENDED");
        Api.asOperator().post("/v1/ops/channels/" + partner.appId() + "/resume").then().statusCode(200);
        await().atMost(Duration.ofSeconds(3)).until(() ->
                partner.client().get("/partner/v1/account", token).status() == 200);
    }

    @Test
    void aChannelOverItsRateLimitIsTold429WithRetryAfter() {
        Fixtures.Partner slow = Fixtures.partner("http://127.0.0.1:9/none", 3);
        List<PartnerClient.Reply> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replies.add(slow.client().get("/partner/v1/calculator/monthly-payment?principalFen=100000000"
                    + "&annualRate=0.031&termMonths=360&method=EQUAL_INSTALMENT", null));
        }
        PartnerClient.Reply limited = replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertRefused(limited, 429, "RATE_LIMITED");
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(replies.stream().filter(r -> r.status() == 200).count()).isBetween(1L, 6L);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAndTheKeysArePublic() {
        byte[] body = "purpose=WITHDRAWAL".getBytes(StandardCharsets.UTF_8);
        String ts = now();
        String nonce = HpfSignature.newNonce();
        String sig = HpfSignature.sign(partner.keys().getPrivate(),
                HpfSignature.requestBytes("POST", "/partner/v1/face-verifications", ts, nonce, body));
        var r = io.restassured.RestAssured.given()
                .header("Authorization", HpfSignature.authorization(partner.appId(), partner.keyId(), ts, nonce, sig))
                .header(HpfSignature.MEMBER_TOKEN_HEADER, token).contentType("text/plain")
                .body(new String(body, StandardCharsets.UTF_8)).post("/partner/v1/face-verifications");
        assertThat(r.statusCode()).isEqualTo(415);

        var keys = io.restassured.RestAssured.given().get("/partner/v1/keys");
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.jsonPath().getString("keys[0].status")).isEqualTo("ACTIVE");
        assertThat(keys.jsonPath().getString("keys[0].algorithm")).isEqualTo("RSA-SHA256");
        assertThat(keys.header(HpfSignature.SIGNATURE_HEADER)).isNotBlank();
    }

    private PartnerClient.Reply send(String method, String signedTarget, byte[] signedBody, String sentTarget,
                                     byte[] sentBody, String signedTs, String headerTs) {
        String nonce = HpfSignature.newNonce();
        String sig = HpfSignature.sign(partner.keys().getPrivate(),
                HpfSignature.requestBytes(method, signedTarget, signedTs, nonce, signedBody));
        return partner.client().sendRaw(method, sentTarget, sentBody, token,
                HpfSignature.authorization(partner.appId(), partner.keyId(), headerTs, nonce, sig), nonce);
    }

    private static void assertRefused(PartnerClient.Reply r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().path("code").asText()).as(r.text()).isEqualTo(code);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.header(HpfSignature.SIGNATURE_HEADER)).as("errors are signed too").isNotBlank();
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }
}
