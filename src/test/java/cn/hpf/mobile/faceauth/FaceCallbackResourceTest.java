package cn.hpf.mobile.faceauth;

import static cn.hpf.mobile.faceauth.FaceVerificationResourceTest.status;
import static cn.hpf.mobile.support.Api.OWNER_WITH_LOAN;
import static cn.hpf.mobile.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Face;
import cn.hpf.mobile.support.RedisTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The provider callback as a real provider would call it: over HTTP, signed by hand with the shared secret. */
@QuarkusTest
class FaceCallbackResourceTest {

    private static final String CALLBACK = "/v1/callbacks/face-provider";

    @Inject
    FaceProviderSettings settings;

    @Inject
    RedisTestClient redis;

    @Test
    void aSignedCallbackAppliesTheResultTheProviderReportsWhenQueried() {
        String id = Face.pending(OWNER_WITH_LOAN, "WITHDRAWAL");
        String ref = providerRef(id);
        // The provider has no result yet: a callback changes nothing.
        send(body(ref, "PASS"), now(), nonce()).statusCode(204);
        assertEquals("PENDING", status(id));

        providerResult(ref, "PASS");
        send(body(ref, "PASS"), now(), nonce()).statusCode(204);
        assertEquals("PASSED", status(id));
    }

    @Test
    void theCallbackBodyCannotOverrideTheProvidersAnswer() {
        String id = Face.pending(OWNER_WITH_LOAN, "WITHDRAWAL");
        String ref = providerRef(id);
        providerResult(ref, "FAIL");
        send(body(ref, "PASS"), now(), nonce()).statusCode(204);
        assertEquals("FAILED", status(id));
    }

    @Test
    void aBadOrMissingSignatureIsRejectedAndChangesNothing() {
        String id = Face.pending(OWNER_WITH_LOAN, "WITHDRAWAL");
        String ref = providerRef(id);
        providerResult(ref, "PASS");
        String body = body(ref, "PASS");
        String ts = now();
        String nonce = nonce();

        given().contentType(ContentType.JSON).body(body)
                .header(CallbackSignature.TIMESTAMP_HEADER, ts).header(CallbackSignature.NONCE_HEADER, nonce)
                .header(CallbackSignature.SIGNATURE_HEADER, "00".repeat(32))
                .post(CALLBACK).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));
        given().contentType(ContentType.JSON).body(body)
                .header(CallbackSignature.TIMESTAMP_HEADER, ts).header(CallbackSignature.NONCE_HEADER, nonce)
                .header(CallbackSignature.SIGNATURE_HEADER, "not hex")
                .post(CALLBACK).then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));
        given().contentType(ContentType.JSON).body(body)
                .post(CALLBACK).then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));
        // Signed with another secret.
        given().contentType(ContentType.JSON).body(body)
                .header(CallbackSignature.TIMESTAMP_HEADER, ts).header(CallbackSignature.NONCE_HEADER, nonce)
                .header(CallbackSignature.SIGNATURE_HEADER, CallbackSignature.sign(
                        "another-secret-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8), ts, nonce,
                        body.getBytes(StandardCharsets.UTF_8)))
                .post(CALLBACK).then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));
        // Body changed after signing.
        String signature = sign(body, ts, nonce);
        given().contentType(ContentType.JSON).body(body.replace("PASS", "FAIL") + " ")
                .header(CallbackSignature.TIMESTAMP_HEADER, ts).header(CallbackSignature.NONCE_HEADER, nonce)
                .header(CallbackSignature.SIGNATURE_HEADER, signature)
                .post(CALLBACK).then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));
        // Timestamp swapped under a valid signature.
        given().contentType(ContentType.JSON).body(body)
                .header(CallbackSignature.TIMESTAMP_HEADER, Long.toString(Long.parseLong(ts) + 1))
                .header(CallbackSignature.NONCE_HEADER, nonce)
                .header(CallbackSignature.SIGNATURE_HEADER, signature)
                .post(CALLBACK).then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));
        // A member token is no substitute for the signature.
        as(OWNER_WITH_LOAN).contentType(ContentType.JSON).body(body)
                .post(CALLBACK).then().statusCode(401).body("code", equalTo("CALLBACK_SIGNATURE_INVALID"));

        assertEquals("PENDING", status(id));
        // The rejected attempts did not burn the nonce: the genuine delivery still goes through.
        send(body, ts, nonce).statusCode(204);
        assertEquals("PASSED", status(id));
    }

    @Test
    void aStaleOrFutureTimestampIsRejectedAndChangesNothing() {
        String id = Face.pending(OWNER_WITH_LOAN, "WITHDRAWAL");
        String ref = providerRef(id);
        providerResult(ref, "PASS");
        long now = Instant.now().getEpochSecond();

        send(body(ref, "PASS"), Long.toString(now - 301), nonce()).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("CALLBACK_TIMESTAMP_OUT_OF_WINDOW"));
        send(body(ref, "PASS"), Long.toString(now + 120), nonce()).statusCode(401)
                .body("code", equalTo("CALLBACK_TIMESTAMP_OUT_OF_WINDOW"));
        assertEquals("PENDING", status(id));

        send(body(ref, "PASS"), Long.toString(now - 290), nonce()).statusCode(204);
        assertEquals("PASSED", status(id));
    }

    @Test
    void aReplayedNonceIsRejectedEvenAfterRedisIsFlushed() {
        String id = Face.pending(OWNER_WITH_LOAN, "WITHDRAWAL");
        String ref = providerRef(id);
        String body = body(ref, "PASS");
        String ts = now();
        String nonce = nonce();
        send(body, ts, nonce).statusCode(204);
        assertEquals("PENDING", status(id));

        providerResult(ref, "PASS");
        send(body, ts, nonce).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("CALLBACK_REPLAYED"));
        redis.flushDb();
        send(body, ts, nonce).statusCode(401).body("code", equalTo("CALLBACK_REPLAYED"));
        assertEquals("PENDING", status(id));
    }

    @Test
    void repeatedDeliveriesNeverFlipAnAppliedResultNorAConsumedVerification() {
        String id = Face.passed(OWNER_WITH_LOAN, "WITHDRAWAL");
        String ref = providerRef(id);
        String passedAt = Db.queryString("SELECT passed_at::text FROM face_verification WHERE id = '" + id + "'");

        providerResult(ref, "FAIL"); // a provider changing its mind must not undo a pass
        send(body(ref, "FAIL"), now(), nonce()).statusCode(204);
        assertEquals("PASSED", status(id));
        assertEquals(passedAt, Db.queryString("SELECT passed_at::text FROM face_verification WHERE id = '" + id + "'"));

        Db.exec("UPDATE face_verification SET status = 'CONSUMED', consumed_by = 'withdrawal:" + UUID.randomUUID()
                + "', consumed_at = now() WHERE id = '" + id + "'");
        providerResult(ref, "PASS");
        send(body(ref, "PASS"), now(), nonce()).statusCode(204);
        assertEquals("CONSUMED", status(id));

        String failed = Face.failed(OWNER_WITH_LOAN, "WITHDRAWAL");
        providerResult(providerRef(failed), "PASS");
        send(body(providerRef(failed), "PASS"), now(), nonce()).statusCode(204);
        assertEquals("FAILED", status(failed));
    }

    @Test
    void signedButUnusableBodies() {
        send("{\"result\":\"PASS\"}", now(), nonce()).statusCode(400)
                .body("code", equalTo("MALFORMED_CALLBACK")).body("field", equalTo("providerRef"));
        send("not json", now(), nonce()).statusCode(400).body("code", equalTo("MALFORMED_CALLBACK"));
        send(body("sbx_unknown", "PASS"), now(), nonce()).statusCode(404)
                .body("code", equalTo("FACE_VERIFICATION_NOT_FOUND"));
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

    private static String body(String providerRef, String result) {
        return "{\"providerRef\":\"" + providerRef + "\",\"result\":\"" + result + "\"}";
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String providerRef(String id) {
        return Db.queryString("SELECT provider_ref FROM face_verification WHERE id = '" + id + "'");
    }

    /** What the provider would answer when queried (its own session state). */
    private static void providerResult(String providerRef, String outcome) {
        Db.exec("UPDATE sandbox_face_session SET outcome = '" + outcome + "', completed_at = now() "
                + "WHERE provider_ref = '" + providerRef + "'");
    }
}
