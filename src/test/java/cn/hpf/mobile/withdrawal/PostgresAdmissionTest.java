package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.withdrawal.AdmissionConcurrencyTest.concurrently;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.available;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.RedisTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(PostgresModeProfile.class)
class PostgresAdmissionTest extends PayoutsPausedTest {

    private static final long AMOUNT = 10_000;

    @Inject
    RedisTestClient redis;
    @Inject
    AdmissionConfig config;

    @Test
    void concurrentWithdrawalsAdmitExactlyWhatTheBalanceCoversOnTheBudgetRow() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(5 * AMOUNT).loan(90_000_000_000L).create();
        long budgetBefore = reserved();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bodies.add(body("LOAN_REPAYMENT", AMOUNT, null, Fixtures.face(m)));
        }
        List<Response> answers = concurrently(20, i -> post(m, bodies.get(i)));

        assertThat(answers.stream().filter(r -> r.statusCode() == 201).count(), equalTo(5L));
        assertThat(answers.stream().filter(r -> r.statusCode() == 422
                && "INSUFFICIENT_BALANCE".equals(r.jsonPath().getString("code"))).count(), equalTo(15L));
        assertThat(Fixtures.held(m), equalTo(5 * AMOUNT));
        assertThat(reserved(), equalTo(budgetBefore + 5 * AMOUNT));
        assertThat(available(m), equalTo(0L));
        assertThat("no Redis hold in postgres mode",
                redis.hget(AdmissionKeys.member(m.id()).get(0), "pending"), nullValue());
    }

    @Test
    void theBudgetRowsRefuseWithRetryAfterAndAFailedPayoutGivesItsAmountBackOnce() {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        String id = post(m, body("LOAN_REPAYMENT", AMOUNT, null, Fixtures.face(m)))
                .then().statusCode(201).extract().path("id");
        long saved = reserved();
        List<Long> savedRows = new ArrayList<>();
        for (int s = 0; s < config.budgetShards(); s++) {
            savedRows.add(Db.queryLong("SELECT coalesce((SELECT reserved_fen FROM payout_budget_shard WHERE budget_day"
                    + " = '" + today() + "' AND shard = " + s + "), 0)"));
            long limit = config.dailyBudgetFen() / config.budgetShards();
            Db.exec("INSERT INTO payout_budget_shard (budget_day, shard, reserved_fen, limit_fen) VALUES ('" + today()
                    + "', " + s + ", " + (limit - AMOUNT + 1) + ", " + limit + ") ON CONFLICT (budget_day, shard) "
                    + "DO UPDATE SET reserved_fen = EXCLUDED.reserved_fen");
        }
        UUID face = Fixtures.face(m);
        Response r = post(m, body("LOAN_REPAYMENT", AMOUNT, null, face));
        r.then().statusCode(503).body("code", equalTo("DAILY_BUDGET_EXHAUSTED"));
        assertThat(Integer.parseInt(r.header("Retry-After")), greaterThan(0));
        assertThat(Fixtures.faceStatus(face), equalTo("PASSED"));
        assertThat(Fixtures.held(m), equalTo(AMOUNT));
        for (int s = 0; s < config.budgetShards(); s++) {
            Db.exec("UPDATE payout_budget_shard SET reserved_fen = " + savedRows.get(s) + " WHERE budget_day = '"
                    + today() + "' AND shard = " + s);
        }
        assertThat(reserved(), equalTo(saved));

        // The bank refuses the first one: its shard gets the amount back, once (the state machine moves once).
        Db.exec("INSERT INTO sandbox_bank_script (withdrawal_id, outcome, reason_code) VALUES ('" + id
                + "', 'REJECTED', 'CARD_CLOSED')");
        dispatcher.resume();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                "FAILED".equals(Db.queryString("SELECT status FROM withdrawal WHERE id = '" + id + "'")));
        assertThat(reserved(), equalTo(saved - AMOUNT));
    }

    /** Without Redis in front, only the admission statement's guards stand between concurrent requests. */
    @Test
    void concurrentPurchaseWithdrawalsNeverExceedTheHomesCapTogether() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(100 * AMOUNT).purchaseContract(3 * AMOUNT + AMOUNT / 2).create();
        String home = "HZ-FIX-" + m.id();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bodies.add(body("PURCHASE", AMOUNT, m.cardId(), Fixtures.face(m)));
        }
        List<Response> answers = concurrently(12, i -> post(m, bodies.get(i)));

        long accepted = answers.stream().filter(r -> r.statusCode() == 201).count();
        assertThat(answers.stream().filter(r -> r.statusCode() != 201)
                .map(r -> r.statusCode() + " " + r.jsonPath().getString("code")).distinct().toList(),
                equalTo(List.of("422 CATEGORY_CAP_EXCEEDED")));
        assertThat(accepted, equalTo(3L));
        assertThat(Db.queryLong("SELECT coalesce(sum(amount_fen), 0) FROM withdrawal WHERE member_id = " + m.id()
                + " AND home_id = '" + home + "'"), equalTo(3 * AMOUNT));
        assertThat(Db.queryLong("SELECT used_fen FROM home_purchase_cap WHERE member_id = " + m.id()), equalTo(3 * AMOUNT));
        assertThat(Fixtures.held(m), equalTo(3 * AMOUNT));
    }

    @Test
    void aFailedPurchaseGivesItsAmountBackToTheHomesCap() {
        Fixtures.Member m = Fixtures.member().balance(100 * AMOUNT).purchaseContract(3 * AMOUNT).create();
        String id = post(m, body("PURCHASE", 2 * AMOUNT, m.cardId(), Fixtures.face(m)))
                .then().statusCode(201).extract().path("id");
        Db.exec("INSERT INTO sandbox_bank_script (withdrawal_id, outcome, reason_code) VALUES ('" + id
                + "', 'REJECTED', 'CARD_CLOSED')");
        dispatcher.resume();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> "FAILED".equals(
                Db.queryString("SELECT status FROM withdrawal WHERE id = '" + id + "'")));
        assertThat(Db.queryLong("SELECT used_fen FROM home_purchase_cap WHERE member_id = " + m.id()), equalTo(0L));
        dispatcher.pause();
        post(m, body("PURCHASE", 3 * AMOUNT, m.cardId(), Fixtures.face(m))).then().statusCode(201);
        assertThat(Db.queryLong("SELECT used_fen FROM home_purchase_cap WHERE member_id = " + m.id()),
                equalTo(3 * AMOUNT));
    }

    @Test
    void concurrentLoanRepaymentsNeverExceedTheOutstandingPrincipalTogether() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(100 * AMOUNT).loan(90_000_000_000L).create();
        Db.exec("UPDATE loan SET outstanding_principal_fen = " + (2 * AMOUNT + AMOUNT / 2) + " WHERE id = " + m.loanId());
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bodies.add(body("LOAN_REPAYMENT", AMOUNT, null, Fixtures.face(m)));
        }
        List<Response> answers = concurrently(12, i -> post(m, bodies.get(i)));

        assertThat(answers.stream().filter(r -> r.statusCode() == 201).count(), equalTo(2L));
        assertThat(Db.queryLong("SELECT pending_repayment_fen FROM loan WHERE id = " + m.loanId()), equalTo(2 * AMOUNT));
        assertThat(Fixtures.held(m), equalTo(2 * AMOUNT));
    }

    private static LocalDate today() {
        return LocalDate.now(Zones.SHANGHAI);
    }

    private static long reserved() {
        return Db.queryLong("SELECT coalesce(sum(reserved_fen), 0) FROM payout_budget_shard WHERE budget_day = '"
                + today() + "'");
    }
}
