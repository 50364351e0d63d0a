package cn.hpf.mobile.partner;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.TestClock;
import cn.hpf.partner.client.HpfSignature;
import cn.hpf.partner.client.PartnerClient;
import cn.hpf.partner.client.Pem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * partner-client/test-vectors.json pins the scheme byte for byte: the partner client reproduces every signed byte
 * string and signature, and the service accepts every request vector as signed (it then asks for a member token,
 * the next check).
 */
@QuarkusTest
class TestVectorsTest {

    private static final JsonNode VECTORS = read();

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void theClientReproducesEveryByteAndSignature() {
        PrivateKey partner = Pem.readPrivateKey(VECTORS.path("keys").path("partner").path("privateKeyPem").asText());
        PublicKey centre = Pem.readPublicKey(VECTORS.path("keys").path("centre").path("publicKeyPem").asText());
        PrivateKey centrePrivate = Pem.readPrivateKey(VECTORS.path("keys").path("centre").path("privateKeyPem").asText());
        for (JsonNode v : VECTORS.path("requests")) {
            byte[] bytes = HpfSignature.requestBytes(v.path("method").asText(), v.path("target").asText(),
                    v.path("timestamp").asText(), v.path("nonce").asText(), body(v));
            assertThat(bytes).as(v.path("name").asText()).isEqualTo(decoded(v));
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(v.path("signedBytes").asText());
            assertThat(HpfSignature.sign(partner, bytes)).isEqualTo(v.path("signature").asText());
            assertThat(HpfSignature.authorization(VECTORS.path("keys").path("partner").path("appId").asText(),
                    "vector-partner-key", v.path("timestamp").asText(), v.path("nonce").asText(),
                    v.path("signature").asText())).isEqualTo(v.path("authorization").asText());
        }
        for (String kind : new String[]{"responses", "notifications"}) {
            for (JsonNode v : VECTORS.path(kind)) {
                byte[] bytes = HpfSignature.responseBytes(v.path("timestamp").asText(), v.path("nonce").asText(), body(v));
                assertThat(bytes).as(v.path("name").asText()).isEqualTo(decoded(v));
                assertThat(HpfSignature.verify(centre, bytes, v.path("signature").asText())).isTrue();
                assertThat(HpfSignature.sign(centrePrivate, bytes)).isEqualTo(v.path("signature").asText());
                byte[] tampered = bytes.clone();
                tampered[tampered.length - 2] ^= 1;
                assertThat(HpfSignature.verify(centre, tampered, v.path("signature").asText())).isFalse();
            }
        }
    }

    @Test
    void theServiceAcceptsEveryRequestVectorAsSigned() {
        // The vectors' key, registered under the vectors' key id (the app id is the operators' to give).
        String appId = Api.asOperator().contentType(ContentType.JSON)
                .body(Map.of("name", "Vectors", "keyId", "vector-partner-key",
                        "publicKeyPem", VECTORS.path("keys").path("partner").path("publicKeyPem").asText(),
                        "notifyUrl", "http://127.0.0.1:9/none", "redirectUri", Fixtures.PARTNER_REDIRECT,
                        "scopes", java.util.List.of("account", "withdrawal", "calculator"), "rateLimitPerSecond", 100))
                .post("/v1/ops/channels").then().statusCode(201).extract().path("appId");
        PartnerClient client = new PartnerClient(java.net.URI.create("http://localhost:" + RestAssured.port), appId,
                "vector-partner-key", null);
        for (JsonNode v : VECTORS.path("requests")) {
            TestClock.setTo(Instant.ofEpochSecond(Long.parseLong(v.path("timestamp").asText())));
            String header = HpfSignature.authorization(appId, "vector-partner-key", v.path("timestamp").asText(),
                    v.path("nonce").asText(), v.path("signature").asText());
            PartnerClient.Reply r = client.sendRaw(v.path("method").asText().toUpperCase(), v.path("target").asText(),
                    body(v).length == 0 ? null : body(v), null, header, v.path("nonce").asText());
            // Signature, timestamp and nonce all good: what comes next is the member token this vector lacks (or,
            // for the token exchange, its made-up refresh token).
            String expected = v.path("target").asText().endsWith("/oauth/token") ? "INVALID_GRANT"
                    : "MEMBER_TOKEN_INVALID";
            assertThat(r.json().path("code").asText()).as(v.path("name").asText() + ": " + r.text())
                    .isEqualTo(expected);
        }
    }

    private static byte[] body(JsonNode v) {
        return v.path("body").asText().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decoded(JsonNode v) {
        return Base64.getDecoder().decode(v.path("signedBytesBase64").asText());
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Path.of("partner-client/test-vectors.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
