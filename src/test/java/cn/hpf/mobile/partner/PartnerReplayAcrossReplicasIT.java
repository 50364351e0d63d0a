package cn.hpf.mobile.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.support.NotificationReceiver;
import cn.hpf.mobile.support.it.AppProcess;
import cn.hpf.partner.client.HpfSignature;
import cn.hpf.partner.client.PartnerClient;
import cn.hpf.partner.client.Pem;
import cn.hpf.partner.client.Pkce;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged application: they share one memory of nonces (a request accepted by one is a replay
 * on the other), and each notification is delivered once, by one of them.
 */
class PartnerReplayAcrossReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aNonceAcceptedByOneReplicaIsAReplayOnTheOtherAndEachNotificationIsDeliveredOnce() throws Exception {
        try (AppProcess a = AppProcess.start("replica-a", Map.of());
             AppProcess b = AppProcess.start("replica-b", Map.of());
             NotificationReceiver receiver = NotificationReceiver.acknowledging()) {
            KeyPair keys = Pem.newRsaKeyPair();
            String operator = login(a, "/v1/auth/operator-token", Map.of("username", "ops", "password", "Ops@2026"));
            String appId = post(a, "/v1/ops/channels", operator, Map.of("name", "Replicas test", "keyId", "k1",
                    "publicKeyPem", Pem.publicKey(keys.getPublic()), "notifyUrl", receiver.url(),
                    "redirectUri", "https://partner.example/done", "scopes", List.of("account", "withdrawal"),
                    "rateLimitPerSecond", 100)).path("appId").asText();
            String member = login(a, "/v1/auth/token", Map.of("memberNo", "330100000007", "password", "Demo@2026",
                    "channel", "APP"));
            String verifier = Pkce.newVerifier();
            String code = post(a, "/v1/me/channel-authorizations", member, Map.of("appId", appId,
                    "scopes", List.of("account", "withdrawal"), "redirectUri", "https://partner.example/done",
                    "state", "x", "codeChallenge", Pkce.challenge(verifier), "codeChallengeMethod", "S256"))
                    .path("authCode").asText();
            PartnerClient onA = new PartnerClient(a.uri(), appId, "k1", keys.getPrivate());
            PartnerClient onB = new PartnerClient(b.uri(), appId, "k1", keys.getPrivate());
            String token = onA.exchangeCode(code, verifier).accessToken();

            String ts = Long.toString(Instant.now().getEpochSecond());
            String nonce = HpfSignature.newNonce();
            PartnerClient.Reply first = onA.send("GET", "/partner/v1/account", null, token, ts, nonce);
            assertThat(first.status()).as(first.text()).isEqualTo(200);
            PartnerClient.Reply again = onB.send("GET", "/partner/v1/account", null, token, ts, nonce);
            assertThat(again.status()).as(again.text()).isEqualTo(401);
            assertThat(again.json().path("code").asText()).isEqualTo("NONCE_REPLAYED");
            assertThat(onB.send("GET", "/partner/v1/account", null, token).status()).isEqualTo(200);

            // A withdrawal through replica B; both replicas deliver notifications, each event reaches the partner once.
            String face = onB.post("/partner/v1/face-verifications", Map.of("purpose", "WITHDRAWAL",
                    "certifyId", "PASS-" + UUID.randomUUID()), token).json().path("id").asText();
            PartnerClient.Reply created = onB.post("/partner/v1/withdrawals", Map.of("category", "PURCHASE",
                    "amountFen", 1_000, "bankCardId", 8, "faceVerificationId", face,
                    "outBizNo", "IT-" + UUID.randomUUID().toString().substring(0, 8)), token);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream()
                    .anyMatch(r -> r.text().contains("\"PAID\"")));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.received().size() == 3);
            List<String> eventIds = receiver.received().stream().map(r -> {
                try {
                    return JSON.readTree(r.body()).path("eventId").asText();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(eventIds).doesNotHaveDuplicates();
            for (NotificationReceiver.Received r : receiver.received()) {
                assertThat(onA.verifyNotification(r.headers(), r.body())).isTrue();
            }
        }
    }

    private static String login(AppProcess app, String path, Map<String, Object> body) throws Exception {
        return post(app, path, null, body).path("accessToken").asText();
    }

    private static JsonNode post(AppProcess app, String path, String token, Map<String, Object> body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body())).isBetween(200, 201);
        return JSON.readTree(response.body());
    }
}
