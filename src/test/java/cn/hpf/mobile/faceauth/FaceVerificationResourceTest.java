package cn.hpf.mobile.faceauth;

import static cn.hpf.mobile.support.Api.OWNER_WITH_LOAN;
import static cn.hpf.mobile.support.Api.RENTER;
import static cn.hpf.mobile.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Face;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FaceVerificationResourceTest {

    @Inject
    FaceExpiryJob expiryJob;

    @Test
    void createsAPendingSessionWithACertifyUrlAndRecordsTheChannel() {
        OffsetDateTime before = OffsetDateTime.now();
        JsonPath body = as(OWNER_WITH_LOAN).contentType(ContentType.JSON).body(Map.of("purpose", "WITHDRAWAL"))
                .post("/v1/face-verifications")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", startsWith("http"))
                .body("status", equalTo("PENDING"))
                .body("purpose", equalTo("WITHDRAWAL"))
                .body("certifyUrl", startsWith("https://"))
                .body("passedAt", nullValue())
                .body("usableUntil", nullValue())
                .extract().jsonPath();
        String id = body.getString("id");
        OffsetDateTime expiresAt = OffsetDateTime.parse(body.getString("expiresAt"));
        assertTrue(!expiresAt.isBefore(before.plusMinutes(10).minusSeconds(1))
                && !expiresAt.isAfter(OffsetDateTime.now().plusMinutes(10)), "expiresAt = now + 10 min: " + expiresAt);
        assertEquals("APP", Db.queryString("SELECT channel FROM face_verification WHERE id = '" + id + "'"));
        assertEquals(1L, Db.queryLong("SELECT member_id FROM face_verification WHERE id = '" + id + "'"));

        as(OWNER_WITH_LOAN).get("/v1/face-verifications/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("PENDING"));
    }

    @Test
    void passingMakesItUsableForExactlyFiveMinutesFromPassing() {
        String id = Face.pending(OWNER_WITH_LOAN, "PREPAYMENT");
        JsonPath passed = Face.complete(OWNER_WITH_LOAN, id, "PASS").statusCode(200)
                .body("status", equalTo("PASSED"))
                .body("purpose", equalTo("PREPAYMENT"))
                .extract().jsonPath();
        OffsetDateTime passedAt = OffsetDateTime.parse(passed.getString("passedAt"));
        OffsetDateTime usableUntil = OffsetDateTime.parse(passed.getString("usableUntil"));
        assertEquals(Duration.ofMinutes(5), Duration.between(passedAt, usableUntil));
        assertTrue(passedAt.isAfter(OffsetDateTime.now().minusSeconds(30)) && !passedAt.isAfter(OffsetDateTime.now()),
                "passedAt is the moment of the callback: " + passedAt);

        as(OWNER_WITH_LOAN).get("/v1/face-verifications/" + id).then().statusCode(200)
                .body("status", equalTo("PASSED"))
                .body("passedAt", equalTo(passed.getString("passedAt")));

        // Completing again re-delivers the same result: nothing moves.
        Face.complete(OWNER_WITH_LOAN, id, "PASS").statusCode(200)
                .body("status", equalTo("PASSED"))
                .body("passedAt", equalTo(passed.getString("passedAt")));
    }

    @Test
    void failingIsFinal() {
        String id = Face.failed(OWNER_WITH_LOAN, "WITHDRAWAL");
        as(OWNER_WITH_LOAN).get("/v1/face-verifications/" + id).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("passedAt", nullValue());

        Face.complete(OWNER_WITH_LOAN, id, "PASS").statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("FACE_SESSION_ALREADY_COMPLETED"));
        assertEquals("FAILED", status(id));
    }

    @Test
    void anotherMembersVerificationIsNotFound() {
        String id = Face.pending(OWNER_WITH_LOAN, "WITHDRAWAL");
        as(RENTER).get("/v1/face-verifications/" + id).then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("FACE_VERIFICATION_NOT_FOUND"));
        Face.complete(RENTER, id, "PASS").statusCode(404).body("code", equalTo("FACE_VERIFICATION_NOT_FOUND"));
        assertEquals("PENDING", status(id));
    }

    @Test
    void unknownOrMalformedIdsAreNotFound() {
        as(OWNER_WITH_LOAN).get("/v1/face-verifications/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("FACE_VERIFICATION_NOT_FOUND"));
        as(OWNER_WITH_LOAN).get("/v1/face-verifications/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("FACE_VERIFICATION_NOT_FOUND"));
        Face.complete(OWNER_WITH_LOAN, "12345", "PASS").statusCode(404)
                .body("code", equalTo("FACE_VERIFICATION_NOT_FOUND"));
    }

    @Test
    void badInputIsA400NamingTheField() {
        as(OWNER_WITH_LOAN).contentType(ContentType.JSON).body(Map.of("purpose", "LOTTERY"))
                .post("/v1/face-verifications").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER")).body("field", equalTo("purpose"));
        as(OWNER_WITH_LOAN).contentType(ContentType.JSON).body("{}")
                .post("/v1/face-verifications").then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER")).body("field", equalTo("purpose"));
        as(OWNER_WITH_LOAN).contentType(ContentType.JSON).body("{\"purpose\": ")
                .post("/v1/face-verifications").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_JSON"));

        String id = Face.pending(OWNER_WITH_LOAN, "WITHDRAWAL");
        as(OWNER_WITH_LOAN).contentType(ContentType.JSON).body(Map.of("outcome", "MAYBE"))
                .post("/sandbox/face-provider/verifications/" + id + "/complete").then().statusCode(400)
                .body("field", equalTo("outcome"));
        as(OWNER_WITH_LOAN).contentType(ContentType.JSON).body("{}")
                .post("/sandbox/face-provider/verifications/" + id + "/complete").then().statusCode(400)
                .body("field", equalTo("outcome"));
        assertEquals("PENDING", status(id));
    }

    @Test
    void membersOnly() {
        given().contentType(ContentType.JSON).body(Map.of("purpose", "WITHDRAWAL"))
                .post("/v1/face-verifications").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        String id = Face.pending(OWNER_WITH_LOAN, "WITHDRAWAL");
        given().contentType(ContentType.JSON).body(Map.of("outcome", "PASS"))
                .post("/sandbox/face-provider/verifications/" + id + "/complete").then().statusCode(401);
        assertEquals("PENDING", status(id));
    }

    @Test
    void aPendingSessionExpiresAndALateResultCannotPassIt() {
        String id = Face.pending(OWNER_WITH_LOAN, "WITHDRAWAL");
        Db.exec("UPDATE face_verification SET expires_at = now() - interval '1 second' WHERE id = '" + id + "'");

        as(OWNER_WITH_LOAN).get("/v1/face-verifications/" + id).then().statusCode(200)
                .body("status", equalTo("EXPIRED"));
        Face.complete(OWNER_WITH_LOAN, id, "PASS").statusCode(200)
                .body("status", equalTo("EXPIRED")).body("passedAt", nullValue());
        assertEquals("EXPIRED", status(id));
    }

    @Test
    void theSweepMarksExpiredRowsAndLeavesLiveOnesAlone() {
        String stalePending = Face.pending(OWNER_WITH_LOAN, "WITHDRAWAL");
        String livePending = Face.pending(OWNER_WITH_LOAN, "WITHDRAWAL");
        String stalePassed = Face.passed(OWNER_WITH_LOAN, "WITHDRAWAL");
        String livePassed = Face.passed(OWNER_WITH_LOAN, "WITHDRAWAL");
        Db.exec("UPDATE face_verification SET expires_at = now() - interval '1 second' WHERE id = '"
                + stalePending + "'");
        Db.exec("UPDATE face_verification SET usable_until = now() - interval '1 second' WHERE id = '"
                + stalePassed + "'");
        as(OWNER_WITH_LOAN).get("/v1/face-verifications/" + stalePassed).then().statusCode(200)
                .body("status", equalTo("EXPIRED")).body("passedAt", notNullValue());
        assertEquals("PASSED", status(stalePassed));

        expiryJob.sweep().await().atMost(Duration.ofSeconds(10));

        assertEquals("EXPIRED", status(stalePending));
        assertEquals("EXPIRED", status(stalePassed));
        assertEquals("PENDING", status(livePending));
        assertEquals("PASSED", status(livePassed));
    }

    @Test
    void aPassedVerificationAuthorizesOneActionOfItsPurposeBeforeItExpires() {
        String id = Face.passed(OWNER_WITH_LOAN, "WITHDRAWAL");
        // The statement the withdrawal and prepayment writes use to consume a verification.
        assertEquals(0L, consume(id, 1, "PREPAYMENT"));
        assertEquals(0L, consume(id, 2, "WITHDRAWAL"));
        assertEquals(1L, consume(id, 1, "WITHDRAWAL"));
        assertEquals(0L, consume(id, 1, "WITHDRAWAL"));
        as(OWNER_WITH_LOAN).get("/v1/face-verifications/" + id).then().statusCode(200)
                .body("status", equalTo("CONSUMED"));
        // Neither the sweep nor a repeated provider result gives a consumed verification back.
        expiryJob.sweep().await().atMost(Duration.ofSeconds(10));
        Face.complete(OWNER_WITH_LOAN, id, "PASS").statusCode(200).body("status", equalTo("CONSUMED"));

        String stale = Face.passed(OWNER_WITH_LOAN, "WITHDRAWAL");
        Db.exec("UPDATE face_verification SET usable_until = now() - interval '1 second' WHERE id = '" + stale + "'");
        assertEquals(0L, consume(stale, 1, "WITHDRAWAL"));
    }

    private static long consume(String id, long memberId, String purpose) {
        return Db.queryLong("WITH used AS (UPDATE face_verification SET status = 'CONSUMED', consumed_by = 'test:"
                + UUID.randomUUID() + "', consumed_at = now() WHERE id = '" + id + "' AND member_id = " + memberId
                + " AND purpose = '" + purpose + "' AND status = 'PASSED' AND usable_until > now() RETURNING 1) "
                + "SELECT count(*) FROM used");
    }

    static String status(String id) {
        return Db.queryString("SELECT status FROM face_verification WHERE id = '" + id + "'");
    }
}
