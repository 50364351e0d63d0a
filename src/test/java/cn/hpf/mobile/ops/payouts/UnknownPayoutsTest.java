package cn.hpf.mobile.ops.payouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.withdrawal.WithdrawalRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queue of payouts whose bank outcome is unknown fills while the sandbox bank is silent and empties once it
 * answers; "ask the bank again" settles a payout through the dispatcher's own path, and is audited.
 */
@QuarkusTest
class UnknownPayoutsTest {

    private static final String OPERATOR = "operator:1";

    @Inject
    PayoutDispatcher dispatcher;

    @AfterEach
    void bankSpeaksAndPayoutsRun() {
        silence(false);
        dispatcher.resume();
        Api.asOperator().post("/v1/ops/payouts/resume").then().statusCode(200);
    }

    @Test
    void theQueueFillsWhileTheBankIsSilentAndEmptiesWhenItAnswers() {
        Member m = Fixtures.member().withHistory().create();
        long balance = Fixtures.balance(m);
        silence(true);
        UUID first = Fixtures.withdrawal(m).amount(11_100).admit();
        UUID second = Fixtures.withdrawal(m).amount(22_200).category("RENT").admit();

        // Sent, every answer lost: unknown for longer than hpf.ops.unknown-payout-after (1 s in tests).
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> queued(500).containsAll(List.of(first.toString(), second.toString())));
        JsonPath queue = unknown(500);
        assertThat(queue.getLong("unknownAfterSeconds")).isEqualTo(1);
        assertThat(queue.getLong("total")).isGreaterThanOrEqualTo(2);
        List<String> ids = queue.getList("items.withdrawalId");
        assertThat(ids.indexOf(first.toString())).isLessThan(ids.indexOf(second.toString())); // oldest first
        Map<String, Object> item = queue.getMap("items.find { it.withdrawalId == '" + first + "' }");
        assertThat(item).containsEntry("amountFen", 11_100).containsEntry("category", "PURCHASE")
                .containsEntry("channel", "APP").containsEntry("lastBankAnswer", "TIMEOUT");
        assertThat((Integer) item.get("attempts")).isGreaterThanOrEqualTo(2);
        assertThat((Integer) item.get("unknownForSeconds")).isGreaterThanOrEqualTo(1);
        assertThat(item.get("acceptedAt")).isNotNull();
        assertThat(item.get("firstSentAt")).isNotNull();
        assertThat(item.get("lastAskedAt")).isNotNull();
        assertThat(status(first)).isEqualTo("PAYING");
        assertThat(Fixtures.held(m)).isEqualTo(33_300);

        JsonPath one = unknown(1);
        assertThat(one.getList("items")).hasSize(1);
        assertThat(one.getLong("total")).isEqualTo(queue.getLong("total"));

        silence(false);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> "PAID".equals(status(first)) && "PAID".equals(status(second)));
        assertThat(queued(500)).doesNotContain(first.toString(), second.toString());
        assertThat(Fixtures.balance(m)).isEqualTo(balance - 33_300);
        assertThat(Fixtures.held(m)).isZero();
        assertThat(Db.queryLong("SELECT sum(pay_calls) FROM sandbox_bank_payment WHERE withdrawal_id IN ('" + first
                + "', '" + second + "')")).isEqualTo(2);
    }

    @Test
    void askingTheBankSettlesAPaidPayoutOnceAndIsAudited() {
        Member m = Fixtures.member().withHistory().create();
        long balance = Fixtures.balance(m);
        UUID id = unknownPayout(Fixtures.withdrawal(m).amount(45_600));
        long before = Db.queryLong("SELECT coalesce(max(id), 0) FROM operator_action");

        Api.asOperator().post("/v1/ops/payouts/" + id + "/ask-bank").then().statusCode(200)
                .body("withdrawalId", equalTo(id.toString())).body("bankAnswer", equalTo("PAID"))
                .body("status", equalTo("PAID")).body("detail", startsWith("SBX")).body("sentAnswer", nullValue());
        assertThat(Fixtures.balance(m)).isEqualTo(balance - 45_600);
        assertThat(Fixtures.held(m)).isZero();
        assertThat(Db.queryLong("SELECT count(*) FROM ledger_entry WHERE type = 'WITHDRAWAL' AND reference = '" + id
                + "'")).isEqualTo(1);
        assertThat(Db.queryLong("SELECT count(*) FROM payout_outbox WHERE withdrawal_id = '" + id + "'")).isZero();
        assertThat(Db.queryLong("SELECT pay_calls FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"))
                .isEqualTo(1);
        assertThat(Db.queryString("SELECT operator || '|' || action || '|' || target || '|' || changed || '|' || outcome "
                + "FROM operator_action WHERE id > " + before)).matches(OPERATOR + "\\|PAYOUT_ASK_BANK\\|" + id
                + "\\|true\\|PAID SBX[0-9a-f]+ → PAID");
        m.api().get("/v1/me/account").then().statusCode(200)
                .body("balanceFen", equalTo((int) (balance - 45_600)))
                .body("availableFen", equalTo((int) (balance - 45_600)));

        // Finished: nothing to ask, and nothing audited.
        Api.asOperator().post("/v1/ops/payouts/" + id + "/ask-bank").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("PAYOUT_ALREADY_FINISHED"));
        assertThat(Db.queryLong("SELECT count(*) FROM operator_action WHERE id > " + before)).isEqualTo(1);
    }

    @Test
    void askingTheBankSettlesARefusedPayoutAndGivesTheHoldBack() {
        Member m = Fixtures.member().withHistory().create();
        long balance = Fixtures.balance(m);
        UUID id = unknownPayout(Fixtures.withdrawal(m).amount(7_700).bankRejects("CARD_CLOSED"));
        long before = Db.queryLong("SELECT coalesce(max(id), 0) FROM operator_action");

        Api.asOperator().post("/v1/ops/payouts/" + id + "/ask-bank").then().statusCode(200)
                .body("bankAnswer", equalTo("REJECTED")).body("status", equalTo("FAILED"))
                .body("detail", equalTo("CARD_CLOSED"));
        assertThat(Db.queryString("SELECT failure_code FROM withdrawal WHERE id = '" + id + "'")).isEqualTo("CARD_CLOSED");
        assertThat(Fixtures.balance(m)).isEqualTo(balance);
        assertThat(Fixtures.held(m)).isZero();
        assertThat(Db.queryLong("SELECT count(*) FROM ledger_entry WHERE reference = '" + id + "'")).isZero();
        assertThat(Db.queryString("SELECT operator || '|' || action || '|' || changed || '|' || outcome "
                + "FROM operator_action WHERE id > " + before))
                .isEqualTo(OPERATOR + "|PAYOUT_ASK_BANK|true|REJECTED CARD_CLOSED → FAILED");
        m.api().get("/v1/me/account").then().statusCode(200).body("availableFen", equalTo((int) balance));
    }

    @Test
    void aStillSilentBankLeavesItPayingAndAskedAgainLater() {
        Member m = Fixtures.member().withHistory().create();
        UUID id = unknownPayout(Fixtures.withdrawal(m).amount(3_300));
        silence(true);
        Api.asOperator().post("/v1/ops/payouts/" + id + "/ask-bank").then().statusCode(200)
                .body("bankAnswer", equalTo("PENDING")).body("detail", equalTo("TIMEOUT"))
                .body("status", equalTo("PAYING"));
        assertThat(Db.queryString("SELECT last_error FROM payout_outbox WHERE withdrawal_id = '" + id + "'"))
                .isEqualTo("TIMEOUT");
        assertThat(Db.queryString("SELECT outcome FROM operator_action WHERE target = '" + id + "'"))
                .isEqualTo("PENDING TIMEOUT → PAYING");
        assertThat(Db.queryLong("SELECT count(*) FROM operator_action WHERE target = '" + id + "' AND NOT changed"))
                .isEqualTo(1);
        silence(false);
        dispatcher.resume();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> "PAID".equals(status(id)));
    }

    @Test
    void anOrderTheBankNeverReceivedIsSentUnlessPayoutsArePaused() {
        Member m = Fixtures.member().withHistory().create();
        long balance = Fixtures.balance(m);
        // Leased once by a replica that died before calling the bank: PAYING, the bank knows nothing of it.
        UUID id = Fixtures.withdrawal(m).amount(8_800).paying().keepPayoutsPaused().admit();
        Api.asOperator().post("/v1/ops/payouts/pause").then().statusCode(200);
        Api.asOperator().post("/v1/ops/payouts/" + id + "/ask-bank").then().statusCode(200)
                .body("bankAnswer", equalTo("NOT_FOUND")).body("sentAnswer", nullValue())
                .body("status", equalTo("PAYING"));
        assertThat(Db.queryLong("SELECT count(*) FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'")).isZero();

        Api.asOperator().post("/v1/ops/payouts/resume").then().statusCode(200);
        Db.exec("UPDATE payout_outbox SET next_attempt_at = now() + interval '1 hour' WHERE withdrawal_id = '" + id + "'");
        Api.asOperator().post("/v1/ops/payouts/" + id + "/ask-bank").then().statusCode(200)
                .body("bankAnswer", equalTo("NOT_FOUND")).body("sentAnswer", equalTo("PAID"))
                .body("status", equalTo("PAID"));
        assertThat(Db.queryLong("SELECT pay_calls FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"))
                .isEqualTo(1);
        assertThat(Fixtures.balance(m)).isEqualTo(balance - 8_800);
        assertThat(Db.queryString("SELECT string_agg(outcome, ';' ORDER BY id) FROM operator_action WHERE target = '"
                + id + "'")).matches("NOT_FOUND; not sent: payouts are paused → PAYING;NOT_FOUND; sent now: PAID → PAID");
    }

    @Test
    void onlyASentOpenPayoutCanBeAskedAbout() {
        Member m = Fixtures.member().withHistory().create();
        UUID waiting = Fixtures.withdrawal(m).amount(1_000).keepPayoutsPaused().admit();
        Api.asOperator().post("/v1/ops/payouts/" + waiting + "/ask-bank").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("PAYOUT_NOT_SENT"));
        Db.exec("UPDATE payout_outbox SET attempts = 1, locked_by = 'another-replica', "
                + "locked_until = now() + interval '1 minute' WHERE withdrawal_id = '" + waiting + "'");
        Api.asOperator().post("/v1/ops/payouts/" + waiting + "/ask-bank").then().statusCode(409)
                .body("code", equalTo("PAYOUT_BEING_ASKED"));
        Db.exec("UPDATE payout_outbox SET attempts = 0, locked_by = NULL, locked_until = NULL WHERE withdrawal_id = '"
                + waiting + "'");
        Api.asOperator().post("/v1/ops/payouts/" + UUID.randomUUID() + "/ask-bank").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("WITHDRAWAL_NOT_FOUND"));
        Api.asOperator().post("/v1/ops/payouts/not-an-id/ask-bank").then().statusCode(404)
                .body("code", equalTo("WITHDRAWAL_NOT_FOUND"));
        Api.asOperator().get("/v1/ops/payouts/unknown?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        Api.asOperator().get("/v1/ops/payouts/unknown?limit=501").then().statusCode(400);
        dispatcher.resume();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> "PAID".equals(status(waiting)));
    }

    @Test
    void membersCannotSeeTheQueueNorAskTheBank() {
        Member m = Fixtures.member().withHistory().create();
        UUID id = Fixtures.withdrawal(m).amount(500).keepPayoutsPaused().admit();
        m.api().get("/v1/ops/payouts/unknown").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        m.api().post("/v1/ops/payouts/" + id + "/ask-bank").then().statusCode(403);
        Api.as(Api.RENTER).contentType(ContentType.JSON).body(Map.of("silent", true))
                .put("/sandbox/bank/silence").then().statusCode(403);
        io.restassured.RestAssured.get("/v1/ops/payouts/unknown").then().statusCode(401);
        dispatcher.resume();
    }

    /**
     * A payout sent while the bank was silent, now in the queue; the bank answers again but this replica's
     * dispatcher holds (so that the operator's question, not its retry, learns the outcome).
     */
    private UUID unknownPayout(Fixtures.WithdrawalBuilder withdrawal) {
        silence(true);
        UUID id = withdrawal.admit();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> queued(500).contains(id.toString()));
        dispatcher.pause();
        // A question of the dispatcher's still under way ends (silent: a timeout) and hands the lease back.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> Db.queryLong(
                "SELECT count(*) FROM payout_outbox WHERE withdrawal_id = '" + id + "' AND locked_by IS NULL") == 1);
        silence(false);
        return id;
    }

    private static void silence(boolean silent) {
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("silent", silent)).put("/sandbox/bank/silence")
                .then().statusCode(200).body("silent", equalTo(silent));
    }

    private static JsonPath unknown(int limit) {
        return Api.asOperator().get("/v1/ops/payouts/unknown?limit=" + limit).then().statusCode(200)
                .extract().jsonPath();
    }

    private static List<String> queued(int limit) {
        return unknown(limit).getList("items.withdrawalId");
    }

    private static String status(UUID id) {
        return Db.queryString("SELECT " + WithdrawalRepository.VISIBLE_STATUS + " FROM withdrawal w WHERE w.id = '"
                + id + "'");
    }
}
