package cn.hpf.mobile.loan;

import static cn.hpf.mobile.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.hpf.mobile.calculator.RepaymentEngine;
import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.calculator.RepaymentPlan;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A LOAN_REPAYMENT withdrawal in flight (admitted, not yet paid or failed) is pending on its loan: no prepayment
 * and no auto-transfer may repay the same principal meanwhile, and the payout's end settles it exactly once.
 */
@QuarkusTest
class LoanRepaymentInFlightTest {

    private static final YearMonth LAST_MONTH = YearMonth.now(Zones.SHANGHAI).minusMonths(1);
    private static final LocalDate DAY = LAST_MONTH.atDay(15);

    @Inject
    PayoutDispatcher dispatcher;

    @Inject
    AutoTransferJob job;

    @Inject
    AutoTransferRepository autoTransfers;

    @Inject
    LoanRepository loans;

    @AfterEach
    void releasePayouts() {
        dispatcher.resume();
    }

    @Test
    void aFullPrepaymentCannotCloseALoanWhileARepaymentWithdrawalIsBeingPaid() {
        dispatcher.pause();
        Member m = Fixtures.member().withHistory().create();
        long loan = Fixtures.loan(m.id(), 1_000_000, "0.031", 120, RepaymentMethod.EQUAL_INSTALMENT, 12, 0,
                false);
        long before = loanLong(loan, "outstanding_principal_fen");
        String oldQuote = quote(m, loan).then().statusCode(201).extract().path("id");

        String withdrawal = withdraw(m, loan, 100_000).then().statusCode(201).extract().path("id");
        assertEquals(100_000, loanLong(loan, "pending_repayment_fen"));

        // The quote taken before the withdrawal is refused, and so is a new one.
        prepay(m, loan, oldQuote).then().statusCode(422).body("code", equalTo("LOAN_REPAYMENT_IN_PROGRESS"));
        quote(m, loan).then().statusCode(422).body("code", equalTo("LOAN_REPAYMENT_IN_PROGRESS"));
        assertEquals("ACTIVE", Db.queryString("SELECT status FROM loan WHERE id = " + loan));

        dispatcher.resume();
        awaitStatus(withdrawal, "PAID");
        assertEquals(before - 100_000, loanLong(loan, "outstanding_principal_fen"));
        assertEquals(0, loanLong(loan, "pending_repayment_fen"));

        // Settled: the rest can now be repaid early, exactly the rest.
        String quote = quote(m, loan).then().statusCode(201)
                .body("amountFen", equalTo((int) (before - 100_000))).extract().path("id");
        prepay(m, loan, quote).then().statusCode(201);
        assertEquals(0, loanLong(loan, "outstanding_principal_fen"));
        assertEquals("CLOSED", Db.queryString("SELECT status FROM loan WHERE id = " + loan));
    }

    @Test
    void admissionKeepsAllPendingRepaymentsWithinTheOutstandingPrincipal() {
        dispatcher.pause();
        Member m = Fixtures.member().withHistory().loan(150_000).create();
        long loan = m.loanId();
        withdraw(m, loan, 100_000).then().statusCode(201);
        // Redis or PostgreSQL admission: either way the loan's pending + this one would exceed the outstanding.
        withdraw(m, loan, 60_000).then().statusCode(422).body("code", equalTo("CATEGORY_CAP_EXCEEDED"));
        withdraw(m, loan, 50_000).then().statusCode(201);
        assertEquals(150_000, loanLong(loan, "pending_repayment_fen"));
    }

    @Test
    void autoTransferWaitsForAPendingRepaymentAndAFailedOneFreesTheLoan() {
        dispatcher.pause();
        Member m = Fixtures.member().withHistory().create();
        long loan = Fixtures.loan(m.id(), 1_000_000, "0.031", 120, RepaymentMethod.EQUAL_INSTALMENT, 5, -1,
                true);
        long outstanding = loanLong(loan, "outstanding_principal_fen");
        UUID id = Fixtures.withdrawal(m).toLoan(loan).amount(50_000).bankRejects("CARD_CLOSED").admit();

        job.runFor(DAY).await().indefinitely();
        assertEquals("SKIPPED/LOAN_REPAYMENT_IN_PROGRESS", Db.queryString("SELECT status || '/' || reason "
                + "FROM loan_auto_transfer WHERE loan_id = " + loan + " AND month = '" + LAST_MONTH + "'"));
        assertEquals(5, loanLong(loan, "paid_periods"));
        assertEquals(outstanding, loanLong(loan, "outstanding_principal_fen"));

        dispatcher.resume();
        awaitStatus(id.toString(), "FAILED");
        assertEquals(0, loanLong(loan, "pending_repayment_fen"));
        assertEquals(outstanding, loanLong(loan, "outstanding_principal_fen"));

        job.runFor(DAY).await().indefinitely();
        assertEquals("PAID", Db.queryString("SELECT status FROM loan_auto_transfer WHERE loan_id = " + loan
                + " AND month = '" + LAST_MONTH + "'"));
        assertEquals(6, loanLong(loan, "paid_periods"));
    }

    @Test
    void aPaidRepaymentWithdrawalReplansTheLoanLikeAReducePaymentPrepayment() {
        Member m = Fixtures.member().withHistory().create();
        long loan = Fixtures.loan(m.id(), 1_000_000, "0.031", 120, RepaymentMethod.EQUAL_INSTALMENT, 12, 0,
                false);
        long left = loanLong(loan, "outstanding_principal_fen") - 300_000;
        RepaymentPlan expected = RepaymentEngine.plan(left, new BigDecimal("0.031"), 108,
                RepaymentMethod.EQUAL_INSTALMENT);
        UUID id = Fixtures.withdrawal(m).toLoan(loan).amount(300_000).admit();
        awaitStatus(id.toString(), "PAID");

        Response schedule = m.api().get("/v1/me/loans/" + loan + "/schedule").then().statusCode(200)
                .body("outstandingPrincipalFen", equalTo((int) left))
                .body("remainingMonths", equalTo(108))
                .body("periods", hasSize(108))
                .body("periods[0].period", equalTo(13))
                .body("periods[0].paymentFen", equalTo((int) expected.firstPaymentFen()))
                .body("periods[107].remainingPrincipalFen", equalTo(0))
                .extract().response();
        List<Number> principalParts = schedule.path("periods.principalFen");
        assertEquals(left, principalParts.stream().mapToLong(Number::longValue).sum());
        assertEquals(left - ((Number) schedule.path("periods[0].principalFen")).longValue(),
                ((Number) schedule.path("periods[0].remainingPrincipalFen")).longValue());
    }

    @Test
    void aRepaymentOfEverythingClosesTheLoan() {
        Member m = Fixtures.member().withHistory().create();
        long loan = Fixtures.loan(m.id(), 1_000_000, "0.031", 120, RepaymentMethod.EQUAL_PRINCIPAL, 12, 0,
                true);
        long outstanding = loanLong(loan, "outstanding_principal_fen");
        UUID id = Fixtures.withdrawal(m).toLoan(loan).amount(outstanding).admit();
        awaitStatus(id.toString(), "PAID");
        assertEquals("CLOSED/0/0", Db.queryString("SELECT status || '/' || outstanding_principal_fen || '/' || "
                + "pending_repayment_fen FROM loan WHERE id = " + loan));
        m.api().get("/v1/me/loans/" + loan + "/schedule").then().statusCode(200)
                .body("remainingMonths", equalTo(0)).body("periods", hasSize(0));
    }

    @Test
    void theDrawItselfRefusesALoanWhoseRepaymentWasAdmittedAfterTheJobReadIt() {
        Member m = Fixtures.member().withHistory().create();
        long loan = Fixtures.loan(m.id(), 1_000_000, "0.031", 120, RepaymentMethod.EQUAL_INSTALMENT, 5, -1,
                true);
        Loan read = loans.find(loan, m.id()).await().indefinitely();
        long balance = Db.queryLong("SELECT balance_fen FROM account WHERE member_id = " + m.id());
        // Only the pending amount changes (same version), so nothing but the pending guard stops the draw.
        Db.exec("UPDATE loan SET pending_repayment_fen = 10000 WHERE id = " + loan);
        RepaymentPlan plan = read.plan();
        AutoTransferRepository.Drawn drawn = autoTransfers.draw(read, 6, plan.paymentFen(read.planPeriod(6)),
                plan.principalFen(read.planPeriod(6)), plan.interestFen(read.planPeriod(6)), LAST_MONTH)
                .await().indefinitely();
        assertEquals(null, drawn.account());
        assertEquals(5, loanLong(loan, "paid_periods"));
        assertEquals(balance, Db.queryLong("SELECT balance_fen FROM account WHERE member_id = " + m.id()));
    }

    @Test
    void aBankReturnOfARepaymentPutsThePrincipalBack() {
        Member m = Fixtures.member().withHistory().loan(40_000).create();
        long loan = m.loanId();
        UUID id = Fixtures.withdrawal(m).toLoan(loan).amount(40_000).admit();
        awaitStatus(id.toString(), "PAID");
        assertEquals("CLOSED", Db.queryString("SELECT status FROM loan WHERE id = " + loan));

        cn.hpf.mobile.support.Api.asOperator().contentType(ContentType.JSON).body("{\"reason\": \"ACCOUNT_CLOSED\"}")
                .post("/sandbox/bank/payouts/" + id + "/return").then().statusCode(200);
        awaitStatus(id.toString(), "RETURNED");
        assertEquals(40_000, loanLong(loan, "outstanding_principal_fen"));
        assertEquals(0, loanLong(loan, "pending_repayment_fen"));
        assertEquals("ACTIVE", Db.queryString("SELECT status FROM loan WHERE id = " + loan));
        assertEquals(40_000, loanLong(loan, "plan_principal_fen"));
    }

    static long loanLong(long loan, String column) {
        return Db.queryLong("SELECT " + column + " FROM loan WHERE id = " + loan);
    }

    static void awaitStatus(String withdrawal, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(
                Db.queryString("SELECT status FROM withdrawal WHERE id = '" + withdrawal + "'")));
    }

    static Response withdraw(Member m, long loan, long amountFen) {
        return m.api().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("category", "LOAN_REPAYMENT", "amountFen", amountFen, "loanId", loan,
                        "faceVerificationId", Fixtures.face(m).toString()))
                .post("/v1/withdrawals").then().extract().response();
    }

    static Response quote(Member m, long loan) {
        return m.api().contentType(ContentType.JSON).body(Map.of("full", true))
                .post("/v1/me/loans/" + loan + "/prepayment-quotes").then().extract().response();
    }

    static Response prepay(Member m, long loan, String quoteId) {
        return m.api().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("quoteId", quoteId, "source", "HPF_BALANCE",
                        "faceVerificationId", Fixtures.face(m, "PREPAYMENT").toString()))
                .post("/v1/me/loans/" + loan + "/prepayments").then().extract().response();
    }
}
