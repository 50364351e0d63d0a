package cn.hpf.mobile.transfer.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.common.callback.CallbackSignature;
import cn.hpf.mobile.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The platform's callback as the real platform would call it: over HTTP, signed by hand with the shared secret. */
@QuarkusTest
@TestProfile(TransferPlatformProfile.class)
class PlatformCallbackResourceTest {

    private static final String CALLBACK = "/v1/callbacks/transfer-platform";

    @Inject
    PlatformSettings settings;

    @Inject
    RecordingTransferCallbacks callbacks;

    @Test
    void aSignedNotificationReachesTheMoneySideOnceAndIsAnswered204() {
        String id = transferId();
        String body = "{\"type\":\"TRANSFER_IN_CONFIRMED\",\"transferId\":\"" + id + "\",\"requestId\":\""
                + UUID.randomUUID() + "\",\"amountFen\":5230000,\"occurredAt\":\"2026-12-02T04:31:07Z\","
                + "\"somethingNew\":true}";
        send(body, now(), nonce()).statusCode(204);

        assertThat(callbacks.applied(id)).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("TRANSFER_IN_CONFIRMED");
            assertThat(c.amountFen()).isEqualTo(5_230_000L);
            assertThat(c.occurredAt()).isEqualTo(Instant.parse("2026-12-02T04:31:07Z"));
        });
    }

    @Test
    void aBadOrMissingSignatureIsRejectedAndReachesNothing() {
        String id = transferId();
        String body = outConfirmed(id);
        String ts = now();
        String nonce = nonce();

        given().contentType(ContentType.JSON).body(body).post(CALLBACK).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));
        given().contentType(ContentType.JSON).body(body)
                .header(CallbackSignature.TIMESTAMP_HEADER, ts).header(CallbackSignature.NONCE_HEADER, nonce)
                .header(CallbackSignature.SIGNATURE_HEADER, "00".repeat(32))
                .post(CALLBACK).then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));
        given().contentType(ContentType.JSON).body(body)
                .header(CallbackSignature.TIMESTAMP_HEADER, ts).header(CallbackSignature.NONCE_HEADER, "short")
                .header(CallbackSignature.SIGNATURE_HEADER, sign(body, ts, "short"))
                .post(CALLBACK).then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));
        // Signed with the face provider's sandbox secret, or any other.
        given().contentType(ContentType.JSON).body(body)
                .header(CallbackSignature.TIMESTAMP_HEADER, ts).header(CallbackSignature.NONCE_HEADER, nonce)
                .header(CallbackSignature.SIGNATURE_HEADER, CallbackSignature.sign(
                        "hpf-sandbox-face-callback-demo-secret-2026".getBytes(StandardCharsets.UTF_8), ts, nonce,
                        body.getBytes(StandardCharsets.UTF_8)))
                .post(CALLBACK).then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));
        // Body changed after signing.
        String signature = sign(body, ts, nonce);
        given().contentType(ContentType.JSON).body(body.replace("CONFIRMED", "CANCELLED"))
                .header(CallbackSignature.TIMESTAMP_HEADER, ts).header(CallbackSignature.NONCE_HEADER, nonce)
                .header(CallbackSignature.SIGNATURE_HEADER, signature)
                .post(CALLBACK).then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));
        // An operator token is no substitute for the signature.
        Api.asOperator().contentType(ContentType.JSON).body(body)
                .post(CALLBACK).then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));

        assertThat(callbacks.calls(id)).isEmpty();
        // The rejected attempts did not burn the nonce.
        send(body, ts, nonce).statusCode(204);
        assertThat(callbacks.appliedTypes(id)).containsExactly("TRANSFER_OUT_CONFIRMED");
    }

    @Test
    void aStaleOrFutureTimestampIsRejected() {
        String id = transferId();
        long now = Instant.now().getEpochSecond();
        send(outConfirmed(id), Long.toString(now - 301), nonce()).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("CALLBACK_TIMESTAMP_OUT_OF_WINDOW"));
        send(outConfirmed(id), Long.toString(now + 120), nonce()).statusCode(401)
                .body("code", equalTo("CALLBACK_TIMESTAMP_OUT_OF_WINDOW"));
        assertThat(callbacks.calls(id)).isEmpty();

        send(outConfirmed(id), Long.toString(now - 290), nonce()).statusCode(204);
        assertThat(callbacks.calls(id)).hasSize(1);
    }

    @Test
    void aReplayedNonceIsRejectedInItsOwnTableApartFromTheFaceProvidersNonces() {
        String id = transferId();
        String ts = now();
        String nonce = nonce();
        send(outConfirmed(id), ts, nonce).statusCode(204);
        send(outConfirmed(id), ts, nonce).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("CALLBACK_REPLAYED"));
        assertThat(callbacks.calls(id)).hasSize(1);
        assertThat(cn.hpf.mobile.support.Db.queryLong(
                "SELECT count(*) FROM transfer_callback_nonce WHERE nonce = '" + nonce + "'")).isEqualTo(1);
        assertThat(cn.hpf.mobile.support.Db.queryLong(
                "SELECT count(*) FROM face_callback_nonce WHERE nonce = '" + nonce + "'")).isZero();
    }

    @Test
    void signedButUnusableBodiesAre400() {
        send("not json", now(), nonce()).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_CALLBACK"));
        send("[1]", now(), nonce()).statusCode(400).body("code", equalTo("MALFORMED_CALLBACK"));
        send("", now(), nonce()).statusCode(400).body("code", equalTo("MALFORMED_CALLBACK"));
        send("{\"transferId\":\"NTP1\"}", now(), nonce()).statusCode(400)
                .body("code", equalTo("MALFORMED_CALLBACK")).body("field", equalTo("type"));
        send("{\"type\":\"TRANSFER_IN_LOST\",\"transferId\":\"NTP1\"}", now(), nonce()).statusCode(400)
                .body("code", equalTo("MALFORMED_CALLBACK")).body("field", equalTo("type"));
        send("{\"type\":\"TRANSFER_IN_SETTLED\",\"amountFen\":1}", now(), nonce()).statusCode(400)
                .body("code", equalTo("MALFORMED_CALLBACK")).body("field", equalTo("transferId"));
        send("{\"type\":\"TRANSFER_IN_SETTLED\",\"transferId\":\"NTP1\",\"amountFen\":\"lots\"}", now(), nonce())
                .statusCode(400).body("code", equalTo("MALFORMED_CALLBACK"));
        assertThat(callbacks.calls("NTP1")).isEmpty();
    }

    @Test
    void theMoneySidesRefusalsPassThroughAsProblems() {
        String id = transferId();
        callbacks.failNext(id, 1, 503);
        send(outConfirmed(id), now(), nonce()).statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("SERVICE_BUSY"));
        callbacks.failNext(id, 1, 409);
        send(outConfirmed(id), now(), nonce()).statusCode(409).body("code", equalTo("TRANSFER_NOT_READY"));
        send(outConfirmed(id), now(), nonce()).statusCode(204);
        assertThat(callbacks.calls(id)).hasSize(3);
        assertThat(callbacks.applied(id)).hasSize(1);
    }

    private ValidatableResponse send(String body, String timestamp, String nonce) {
        return given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .header(CallbackSignature.TIMESTAMP_HEADER, timestamp)
                .header(CallbackSignature.NONCE_HEADER, nonce)
                .header(CallbackSignature.SIGNATURE_HEADER, sign(body, timestamp, nonce))
                .post(CALLBACK).then();
    }

    private String sign(String body, String timestamp, String nonce) {
        return CallbackSignature.sign(settings.callbackSecret(), timestamp, nonce,
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String outConfirmed(String transferId) {
        return "{\"type\":\"TRANSFER_OUT_CONFIRMED\",\"transferId\":\"" + transferId + "\"}";
    }

    private static String transferId() {
        return "NTP" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
