package cn.hpf.mobile.loan;

import static cn.hpf.mobile.support.Api.BUYER;
import static cn.hpf.mobile.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.hpf.mobile.calculator.RepaymentEngine;
import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.calculator.RepaymentPlan;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.RedisTestClient;
import cn.hpf.mobile.support.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Trigger;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the 按月转账 job for last month, when only this class's fixture loans fall due (demo loan 1 is past it). */
@QuarkusTest
class AutoTransferJobTest {

    private static final YearMonth LAST_MONTH = YearMonth.now(Zones.SHANGHAI).minusMonths(1);
    private static final LocalDate DAY = LAST_MONTH.atDay(15);

    @Inject
    AutoTransferJob job;

    @Inject
    MeterRegistry metrics;

    @Inject
    RedisTestClient redis;

    @BeforeEach
    void demoLoans() {
    }

    private static long balance(long member) {
        return Db.queryLong("SELECT balance_fen FROM account WHERE member_id = " + member);
    }

    private double counter(String outcome) {
        var c = metrics.find(AutoTransferJob.METRIC).tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void drawsTheMonthsInstalmentOnceEvenWhenRunTwiceAtTheSameTime() {
        long loan = Fixtures.loan(7, 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 5, -1, true);
        RepaymentPlan plan = RepaymentEngine.plan(30_000_000, new BigDecimal("0.026"), 240,
                RepaymentMethod.EQUAL_INSTALMENT);
        long before = balance(7);
        long outstanding = Db.queryLong("SELECT outstanding_principal_fen FROM loan WHERE id = " + loan);
        double paidBefore = counter("paid");

        // Two runs at once stand for two instances: the unique ledger reference lets one draw win.
        Uni.join().all(job.runFor(DAY), job.runFor(DAY)).andFailFast().await().indefinitely();
        job.runFor(DAY.plusDays(3)).await().indefinitely();

        String reference = "loan:" + loan + ":" + LAST_MONTH;
        assertEquals(1, Db.queryLong("SELECT count(*) FROM ledger_entry WHERE reference = '" + reference + "'"));
        assertEquals(-plan.paymentFen(6), Db.queryLong("SELECT amount_fen FROM ledger_entry WHERE "
                + "type = 'LOAN_AUTO_TRANSFER' AND reference = '" + reference + "'"));
        assertEquals(before - plan.paymentFen(6), balance(7));
        assertEquals(6, Db.queryLong("SELECT paid_periods FROM loan WHERE id = " + loan));
        assertEquals(outstanding - plan.principalFen(6), Db.queryLong("SELECT outstanding_principal_fen FROM loan "
                + "WHERE id = " + loan));
        assertEquals(plan.remainingPrincipalFen(6), outstanding - plan.principalFen(6), "consistent with the schedule");
        assertEquals("PAID/6", Db.queryString("SELECT status || '/' || period FROM loan_auto_transfer "
                + "WHERE loan_id = " + loan + " AND month = '" + LAST_MONTH + "'"));
        assertEquals("LOAN_AUTO_TRANSFER/system:loan-auto-transfer/SYSTEM/7/" + plan.paymentFen(6) + "/PAID",
                Db.queryString("SELECT string_agg(action || '/' || actor || '/' || channel || '/' || member_id || '/' "
                        + "|| amount_fen || '/' || result, ';') FROM audit_log WHERE target = '" + reference + "'"),
                "one audit row, written with the one draw that won");
        assertTrue(counter("paid") >= paidBefore + 1);
        as(BUYER).get("/v1/me/account").then().body("balanceFen", equalTo((int) balance(7)));
        as(BUYER).get("/v1/me/loans/" + loan).then().body("paidPeriods", equalTo(6))
                .body("nextInstalment.period", equalTo(7));
    }

    @Test
    void aShortBalanceIsSkippedRecordedAndCounted() {
        long member = 8;
        long loan = Fixtures.loan(member, 1_000_000_000, "0.021", 12, RepaymentMethod.EQUAL_PRINCIPAL, 2, -1, true);
        long before = balance(member);
        double skippedBefore = counter("insufficient_balance");
        AutoTransferReport report = job.runFor(DAY).await().indefinitely();
        assertTrue(report.skippedInsufficientBalance() >= 1);
        assertEquals(before, balance(member));
        assertEquals(2, Db.queryLong("SELECT paid_periods FROM loan WHERE id = " + loan));
        assertEquals(0, Db.queryLong("SELECT count(*) FROM ledger_entry WHERE reference = 'loan:" + loan + ":"
                + LAST_MONTH + "'"));
        assertEquals("SKIPPED/INSUFFICIENT_BALANCE/3/" + before, Db.queryString("SELECT status || '/' || reason || '/' "
                + "|| period || '/' || available_fen FROM loan_auto_transfer WHERE loan_id = " + loan));
        assertEquals(skippedBefore + 1, counter("insufficient_balance"));
        Api.asOperator().queryParam("month", LAST_MONTH.toString()).queryParam("status", "SKIPPED")
                .get("/v1/ops/loan-auto-transfers").then().statusCode(200)
                .body("find { it.loanId == " + loan + " }.reason", equalTo("INSUFFICIENT_BALANCE"))
                .body("find { it.loanId == " + loan + " }.availableFen", equalTo((int) before));
        for (String month : List.of("last month", "+999999999-12", "0000-01", "2026-13", "202611")) {
            Api.asOperator().queryParam("month", month).get("/v1/ops/loan-auto-transfers").then()
                    .statusCode(400).body("field", equalTo("month"));
        }
        as(BUYER).queryParam("month", LAST_MONTH.toString()).get("/v1/ops/loan-auto-transfers").then().statusCode(403);

        // After a deposit the next daily run pays the month.
        Db.exec("WITH a AS (UPDATE account SET balance_fen = balance_fen + 90000000, version = version + 1 "
                + "WHERE member_id = 8 RETURNING balance_fen) INSERT INTO ledger_entry (member_id, type, amount_fen, "
                + "balance_after_fen, description) SELECT 8, 'SUPPLEMENTARY_DEPOSIT', 90000000, balance_fen, 'test' FROM a");
        job.runFor(DAY.plusDays(1)).await().indefinitely();
        assertEquals("PAID", Db.queryString("SELECT status FROM loan_auto_transfer WHERE loan_id = " + loan));
        assertEquals(3, Db.queryLong("SELECT paid_periods FROM loan WHERE id = " + loan));
    }

    @Test
    void twoReplicasFiringTheSameRunDoItOnceCountingEachAttemptAndMetricOnce() {
        Fixtures.Member poor = Fixtures.member(1_000);
        long loan = Fixtures.loan(poor.id(), 1_000_000_000, "0.021", 12, RepaymentMethod.EQUAL_PRINCIPAL, 2, -1, true);
        double skippedBefore = counter("insufficient_balance");
        // Last month, like the other runs here: this month's instalments belong to other tests (demo loan 1's).
        TestClock.setTo(DAY.atTime(6, 0).atZone(Zones.SHANGHAI).toInstant());
        Instant fire = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        // Every replica's scheduler fires at the same instant.
        List<AutoTransferReport> reports = Uni.join().all(job.runOnce(firedAt(fire)), job.runOnce(firedAt(fire)))
                .andFailFast().await().indefinitely();

        List<AutoTransferReport> ran = reports.stream().filter(java.util.Objects::nonNull).toList();
        assertEquals(1, ran.size(), "one replica runs it, the other skips it");
        assertEquals(1, Db.queryLong("SELECT attempts FROM loan_auto_transfer WHERE loan_id = " + loan));
        assertEquals(skippedBefore + ran.get(0).skippedInsufficientBalance(), counter("insufficient_balance"));

        // The next run (another fire time) tries again: a second attempt, counted once more.
        assertTrue(job.runOnce(firedAt(fire.plusSeconds(86_400))).await().indefinitely() != null);
        assertEquals(2, Db.queryLong("SELECT attempts FROM loan_auto_transfer WHERE loan_id = " + loan));
        // Out of the other runs' way: the member switches her auto-transfer off.
        poor.api().contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("enabled", false))
                .put("/v1/me/loans/" + loan + "/auto-transfer").then().statusCode(200);
    }

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static ScheduledExecution firedAt(Instant at) {
        return new ScheduledExecution() {
            @Override
            public Trigger getTrigger() {
                return null;
            }

            @Override
            public Instant getFireTime() {
                return at;
            }

            @Override
            public Instant getScheduledFireTime() {
                return at;
            }
        };
    }

    @Test
    void anOverdueLoanIsSkippedAndAnOffLoanIsLeftAlone() {
        long behind = Fixtures.loan(7, 10_000_000, "0.026", 120, RepaymentMethod.EQUAL_INSTALMENT, 3, -2, true);
        long off = Fixtures.loan(7, 10_000_000, "0.026", 120, RepaymentMethod.EQUAL_INSTALMENT, 3, -1, false);
        job.runFor(DAY).await().indefinitely();
        assertEquals("SKIPPED/LOAN_OVERDUE", Db.queryString("SELECT status || '/' || reason FROM loan_auto_transfer "
                + "WHERE loan_id = " + behind));
        assertEquals(3, Db.queryLong("SELECT paid_periods FROM loan WHERE id = " + behind));
        assertEquals(0, Db.queryLong("SELECT count(*) FROM loan_auto_transfer WHERE loan_id = " + off));
        assertEquals(3, Db.queryLong("SELECT paid_periods FROM loan WHERE id = " + off));
        assertEquals(53, Db.queryLong("SELECT paid_periods FROM loan WHERE id = 1"), "demo loan 1 paid last month");
    }
}
