package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Face;
import cn.hpf.mobile.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The member's whole journey through the public routes only: face verification in the sandbox provider, a rent
 * withdrawal, the sandbox bank's payout, then the balance, the statement, the stream and a retry.
 */
@QuarkusTest
class WithdrawalJourneyTest {

    private static final long AMOUNT = 150_000;

    @Test
    void faceVerifiedRentWithdrawalIsPaidToTheCardAndShowsEverywhere() {
        Fixtures.Member m = Fixtures.member().withHistory().create();
        String memberNo = m.memberNo();
        long card = m.cardId();
        long before = as(memberNo).get("/v1/me/account").then().statusCode(200).extract().jsonPath().getLong("balanceFen");
        as(memberNo).get("/v1/me/bank-cards").then().statusCode(200).body("items[0].id", equalTo((int) card));

        String face = Face.passed(memberNo, "WITHDRAWAL");
        Map<String, Object> body = Map.of("category", "RENT", "amountFen", AMOUNT, "bankCardId", card,
                "faceVerificationId", face);
        String key = "journey-" + UUID.randomUUID();
        Response accepted = as(memberNo).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/withdrawals");
        accepted.then().statusCode(201).body("status", equalTo("ACCEPTED")).body("amountFen", equalTo((int) AMOUNT));
        String id = accepted.jsonPath().getString("id");

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
                "PAID".equals(as(memberNo).get("/v1/withdrawals/" + id).then().statusCode(200).extract().path("status")));

        as(memberNo).get("/v1/me/account").then().statusCode(200)
                .body("balanceFen", equalTo((int) (before - AMOUNT)))
                .body("availableFen", equalTo((int) (before - AMOUNT)));
        as(memberNo).get("/v1/me/statements?limit=1").then().statusCode(200)
                .body("items[0].type", equalTo("WITHDRAWAL"))
                .body("items[0].amountFen", equalTo((int) -AMOUNT))
                .body("items[0].balanceAfterFen", equalTo((int) (before - AMOUNT)));
        assertThat(Db.queryLong("SELECT sum(amount_fen) FROM ledger_entry WHERE member_id = " + m.id()))
                .isEqualTo(before - AMOUNT);
        assertThat(Db.queryString("SELECT channel || '/' || actor FROM ledger_entry WHERE reference = '" + id + "'"))
                .isEqualTo("APP/member:" + m.id());

        String stream = as(memberNo).accept("text/event-stream").get("/v1/withdrawals/" + id + "/events")
                .then().statusCode(200).extract().asString();
        assertThat(stream).contains("\"status\":\"PAID\"");

        // A client that never heard the 201 retries: the same answer, byte for byte, and nothing is paid twice.
        Response replay = as(memberNo).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/withdrawals");
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(replay.asString()).isEqualTo(accepted.asString());
        assertThat(Db.queryLong("SELECT count(*) FROM withdrawal WHERE member_id = " + m.id())).isEqualTo(1);
        assertThat(Db.queryLong("SELECT pay_calls FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"))
                .isEqualTo(1);

        // The verification authorized this withdrawal only.
        as(memberNo).contentType(ContentType.JSON).header("Idempotency-Key", "journey-" + UUID.randomUUID())
                .body(Map.of("category", "RENT", "amountFen", 100, "bankCardId", card, "faceVerificationId", face))
                .post("/v1/withdrawals").then().statusCode(422).body("code", equalTo("FACE_VERIFICATION_USED"));
    }
}
