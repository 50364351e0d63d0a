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
import cn.hpf.mobile.support.FaceFixture;
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
    AdmissionLimits limits;
    @Inject
    AdmissionConfig config;

    @Test
    void concurrentWithdrawalsAdmitExactlyWhatTheBalanceCoversOnTheBudgetRow() throws Exception {
        MemberFixture.Member m = MemberFixture.create(5 * AMOUNT, true);
        long budgetBefore = reserved();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bodies.add(body("LOAN_REPAYMENT", AMOUNT, null, FaceFixture.passed(m.id())));
        }
        List<Response> answers = concurrently(20, i -> post(m.memberNo(), bodies.get(i)));

        assertThat(answers.stream().filter(r -> r.statusCode() == 201).count(), equalTo(5L));
        assertThat(answers.stream().filter(r -> r.statusCode() == 422
                && "INSUFFICIENT_BALANCE".equals(r.jsonPath().getString("code"))).count(), equalTo(15L));
        assertThat(MemberFixture.held(m.id()), equalTo(5 * AMOUNT));
        assertThat(reserved(), equalTo(budgetBefore + 5 * AMOUNT));
        assertThat(available(m.memberNo()), equalTo(0L));
        assertThat("no Redis hold in postgres mode",
                redis.hget(AdmissionKeys.member(m.id()).get(0), "pending"), nullValue());
    }

    @Test
    void theBudgetRowRefusesWithRetryAfterAndGivesBackOnce() {
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        String id = post(m.memberNo(), body("LOAN_REPAYMENT", AMOUNT, null, FaceFixture.passed(m.id())))
                .then().statusCode(201).extract().path("id");
        long saved = reserved();
        Db.exec("UPDATE payout_budget SET reserved_fen = " + (config.dailyBudgetFen() - AMOUNT + 1)
                + " WHERE budget_day = '" + today() + "'");
        UUID face = FaceFixture.passed(m.id());
        Response r = post(m.memberNo(), body("LOAN_REPAYMENT", AMOUNT, null, face));
        r.then().statusCode(503).body("code", equalTo("DAILY_BUDGET_EXHAUSTED"));
        assertThat(Integer.parseInt(r.header("Retry-After")), greaterThan(0));
        assertThat(FaceFixture.status(face), equalTo("PASSED"));
        assertThat(MemberFixture.held(m.id()), equalTo(AMOUNT));
        Db.exec("UPDATE payout_budget SET reserved_fen = " + saved + " WHERE budget_day = '" + today() + "'");

        limits.giveBack(UUID.fromString(id), m.id(), "LOAN_REPAYMENT", AMOUNT, today(), 0).await().indefinitely();
        limits.giveBack(UUID.fromString(id), m.id(), "LOAN_REPAYMENT", AMOUNT, today(), 0).await().indefinitely();
        assertThat(reserved(), equalTo(saved - AMOUNT));
    }

    /** Without Redis in front, only the admission statement's guards stand between concurrent requests. */
    @Test
    void concurrentPurchaseWithdrawalsNeverExceedTheHomesCapTogether() throws Exception {
        MemberFixture.Member m = MemberFixture.create(100 * AMOUNT, false);
        String home = "HZ-TEST-" + m.id();
        Db.exec("INSERT INTO sandbox_data_sharing (id_number, fact, home_id, price_fen, occurred_on) VALUES ('"
                + m.idNumber() + "', 'PURCHASE_CONTRACT', '" + home + "', " + (3 * AMOUNT + AMOUNT / 2) + ", "
                + "((now() AT TIME ZONE 'Asia/Shanghai')::date - INTERVAL '1 month')::date)");
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bodies.add(body("PURCHASE", AMOUNT, m.cardId(), FaceFixture.passed(m.id())));
        }
        List<Response> answers = concurrently(12, i -> post(m.memberNo(), bodies.get(i)));

        long accepted = answers.stream().filter(r -> r.statusCode() == 201).count();
        assertThat(answers.stream().filter(r -> r.statusCode() != 201)
                .map(r -> r.statusCode() + " " + r.jsonPath().getString("code")).distinct().toList(),
                equalTo(List.of("422 CATEGORY_CAP_EXCEEDED")));
        assertThat(accepted, equalTo(3L));
        assertThat(Db.queryLong("SELECT coalesce(sum(amount_fen), 0) FROM withdrawal WHERE member_id = " + m.id()
                + " AND home_id = '" + home + "'"), equalTo(3 * AMOUNT));
        assertThat(Db.queryLong("SELECT used_fen FROM home_purchase_cap WHERE member_id = " + m.id()), equalTo(3 * AMOUNT));
        assertThat(MemberFixture.held(m.id()), equalTo(3 * AMOUNT));
    }

    @Test
    void aFailedPurchaseGivesItsAmountBackToTheHomesCap() {
        MemberFixture.Member m = MemberFixture.create(100 * AMOUNT, false);
        Db.exec("INSERT INTO sandbox_data_sharing (id_number, fact, home_id, price_fen, occurred_on) VALUES ('"
                + m.idNumber() + "', 'PURCHASE_CONTRACT', 'HZ-TEST-" + m.id() + "', " + 3 * AMOUNT + ", "
                + "((now() AT TIME ZONE 'Asia/Shanghai')::date - INTERVAL '1 month')::date)");
        String id = post(m.memberNo(), body("PURCHASE", 2 * AMOUNT, m.cardId(), FaceFixture.passed(m.id())))
                .then().statusCode(201).extract().path("id");
        Db.exec("INSERT INTO sandbox_bank_script (withdrawal_id, outcome, reason_code) VALUES ('" + id
                + "', 'REJECTED', 'CARD_CLOSED')");
        dispatcher.resume();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> "FAILED".equals(
                Db.queryString("SELECT status FROM withdrawal WHERE id = '" + id + "'")));
        assertThat(Db.queryLong("SELECT used_fen FROM home_purchase_cap WHERE member_id = " + m.id()), equalTo(0L));
        dispatcher.pause();
        post(m.memberNo(), body("PURCHASE", 3 * AMOUNT, m.cardId(), FaceFixture.passed(m.id()))).then().statusCode(201);
        assertThat(Db.queryLong("SELECT used_fen FROM home_purchase_cap WHERE member_id = " + m.id()),
                equalTo(3 * AMOUNT));
    }

    @Test
    void concurrentLoanRepaymentsNeverExceedTheOutstandingPrincipalTogether() throws Exception {
        MemberFixture.Member m = MemberFixture.create(100 * AMOUNT, true);
        Db.exec("UPDATE loan SET outstanding_principal_fen = " + (2 * AMOUNT + AMOUNT / 2) + " WHERE id = " + m.loanId());
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bodies.add(body("LOAN_REPAYMENT", AMOUNT, null, FaceFixture.passed(m.id())));
        }
        List<Response> answers = concurrently(12, i -> post(m.memberNo(), bodies.get(i)));

        assertThat(answers.stream().filter(r -> r.statusCode() == 201).count(), equalTo(2L));
        assertThat(Db.queryLong("SELECT pending_repayment_fen FROM loan WHERE id = " + m.loanId()), equalTo(2 * AMOUNT));
        assertThat(MemberFixture.held(m.id()), equalTo(2 * AMOUNT));
    }

    private static LocalDate today() {
        return LocalDate.now(Zones.SHANGHAI);
    }

    private static long reserved() {
        return Db.queryLong("SELECT coalesce((SELECT reserved_fen FROM payout_budget WHERE budget_day = '" + today()
                + "'), 0)");
    }
}
