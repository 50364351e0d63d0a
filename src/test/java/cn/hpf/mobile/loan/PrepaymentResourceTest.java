package cn.hpf.mobile.loan;

import static cn.hpf.mobile.support.Api.BUYER;
import static cn.hpf.mobile.support.Api.LOW_INCOME;
import static cn.hpf.mobile.support.Api.OVERDUE_LOAN;
import static cn.hpf.mobile.support.Api.OWNER_WITH_LOAN;
import static cn.hpf.mobile.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.hpf.mobile.calculator.RepaymentEngine;
import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.calculator.RepaymentPlan;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.RedisTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PrepaymentResourceTest {

    private static final long BUYER_ID = 7;
    private static final BigDecimal RATE = new BigDecimal("0.026");

    @Inject
    RedisTestClient redis;

    @BeforeEach
    void demoLoans() {
    }

    private static Response quote(String member, long loanId, Map<String, Object> body) {
        return as(member).contentType(ContentType.JSON).body(body)
                .post("/v1/me/loans/" + loanId + "/prepayment-quotes").then().extract().response();
    }

    private static String quoteId(String member, long loanId, Map<String, Object> body) {
        Response r = quote(member, loanId, body);
        assertEquals(201, r.statusCode(), r.asString());
        return r.path("id");
    }

    private static Response prepay(String member, long loanId, String key, Map<String, Object> body) {
        var spec = as(member).contentType(ContentType.JSON).body(body);
        if (key != null) {
            spec.header("Idempotency-Key", key);
        }
        return spec.post("/v1/me/loans/" + loanId + "/prepayments").then().extract().response();
    }

    private static Map<String, Object> hpf(String quoteId, UUID face) {
        return Map.of("quoteId", quoteId, "source", "HPF_BALANCE", "faceVerificationId", face.toString());
    }

    private static long outstanding(long loanId) {
        return Db.queryLong("SELECT outstanding_principal_fen FROM loan WHERE id = " + loanId);
    }

    private static long balance(long memberId) {
        return Db.queryLong("SELECT balance_fen FROM account WHERE member_id = " + memberId);
    }

    @Test
    void reducePaymentQuoteKeepsTheTermAndLowersThePayment() {
        long loan = Fixtures.loan(BUYER_ID, 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0, false);
        long left = outstanding(loan) - 5_000_000;
        RepaymentPlan current = RepaymentEngine.plan(30_000_000, RATE, 240, RepaymentMethod.EQUAL_INSTALMENT);
        RepaymentPlan replanned = RepaymentEngine.plan(left, RATE, 228, RepaymentMethod.EQUAL_INSTALMENT);
        Response r = quote(BUYER, loan, Map.of("amountFen", 5_000_000, "mode", "REDUCE_PAYMENT"));
        assertEquals(201, r.statusCode(), r.asString());
        r.then().body("amountFen", equalTo(5_000_000))
                .body("full", equalTo(false))
                .body("outstandingPrincipalFen", equalTo((int) outstanding(loan)))
                .body("newOutstandingPrincipalFen", equalTo((int) left))
                .body("newRemainingMonths", equalTo(228))
                .body("newMonthlyPaymentFen", equalTo((int) replanned.firstPaymentFen()))
                .body("interestSavedFen", equalTo((int) (current.interestFrom(13) - replanned.totalInterestFen())));
        Duration ttl = Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(r.path("validUntil")));
        assertTrue(ttl.toMinutes() >= 14 && ttl.toMinutes() <= 15, "valid about 15 minutes: " + ttl);
    }

    @Test
    void shortenTermQuoteKeepsThePaymentAndFinishesSooner() {
        for (RepaymentMethod method : RepaymentMethod.values()) {
            long loan = Fixtures.loan(BUYER_ID, 30_000_000, "0.026", 240, method, 12, 0, false);
            long paymentNow = RepaymentEngine.plan(30_000_000, RATE, 240, method).paymentFen(13);
            long left = outstanding(loan) - 10_000_000;
            Response r = quote(BUYER, loan, Map.of("amountFen", 10_000_000, "mode", "SHORTEN_TERM"));
            assertEquals(201, r.statusCode(), r.asString());
            int months = r.path("newRemainingMonths");
            long payment = ((Number) r.path("newMonthlyPaymentFen")).longValue();
            assertTrue(months < 228, method + " term shortened: " + months);
            assertTrue(payment <= paymentNow, method + " payment not above today's");
            assertEquals(RepaymentEngine.plan(left, RATE, months, method).firstPaymentFen(), payment);
            assertTrue(RepaymentEngine.plan(left, RATE, months - 1, method).firstPaymentFen() > paymentNow,
                    method + ": the shortest term that fits");
            assertTrue(((Number) r.path("interestSavedFen")).longValue() > 0);
        }
    }

    @Test
    void quoteRejectsBadRequests() {
        long loan = Fixtures.loan(BUYER_ID, 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0, false);
        quote(BUYER, loan, Map.of("mode", "SHORTEN_TERM")).then().statusCode(400).body("field", equalTo("amountFen"));
        quote(BUYER, loan, Map.of("amountFen", 0, "mode", "SHORTEN_TERM")).then().statusCode(400)
                .body("field", equalTo("amountFen"));
        quote(BUYER, loan, Map.of("amountFen", 100)).then().statusCode(400).body("field", equalTo("mode"));
        quote(BUYER, loan, Map.of("amountFen", 100, "mode", "SOMETIMES")).then().statusCode(400);
        quote(BUYER, loan, Map.of("amountFen", outstanding(loan) + 1, "mode", "SHORTEN_TERM")).then().statusCode(422)
                .body("code", equalTo("PREPAYMENT_AMOUNT_INVALID"));
        quote(BUYER, loan, Map.of("amountFen", 100, "full", true)).then().statusCode(422)
                .body("code", equalTo("PREPAYMENT_AMOUNT_INVALID"));
        quote(OWNER_WITH_LOAN, loan, Map.of("amountFen", 100, "mode", "SHORTEN_TERM")).then().statusCode(404)
                .body("code", equalTo("LOAN_NOT_FOUND"));
        quote(OVERDUE_LOAN, 2, Map.of("amountFen", 100, "mode", "SHORTEN_TERM")).then().statusCode(422)
                .body("code", equalTo("LOAN_OVERDUE"));
    }

    @Test
    void partialPrepaymentFromTheHpfBalanceIsOneLedgerWithdrawalAndReplaysIdentically() {
        long loan = Fixtures.loan(BUYER_ID, 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0, true);
        long before = outstanding(loan);
        long balanceBefore = balance(BUYER_ID);
        Response q = quote(BUYER, loan, Map.of("amountFen", 1_000_000, "mode", "REDUCE_PAYMENT"));
        String quoteId = q.path("id");
        UUID face = Fixtures.face(BUYER_ID, "PREPAYMENT");
        String key = "prepay-" + UUID.randomUUID();
        Response first = prepay(BUYER, loan, key, hpf(quoteId, face));
        assertEquals(201, first.statusCode(), first.asString());
        String id = first.path("id");
        first.then().body("status", equalTo("PAID")).body("source", equalTo("HPF_BALANCE"))
                .body("amountFen", equalTo(1_000_000))
                .body("outstandingPrincipalFen", equalTo((int) (before - 1_000_000)))
                .body("newMonthlyPaymentFen", equalTo((int) q.path("newMonthlyPaymentFen")))
                .body("loanStatus", equalTo("ACTIVE"));

        assertEquals(before - 1_000_000, outstanding(loan));
        assertEquals(balanceBefore - 1_000_000, balance(BUYER_ID));
        assertEquals(-1_000_000, Db.queryLong("SELECT amount_fen FROM ledger_entry WHERE type = 'WITHDRAWAL' "
                + "AND reference = '" + id + "'"));
        assertEquals(balance(BUYER_ID), Db.queryLong("SELECT sum(amount_fen) FROM ledger_entry WHERE member_id = 7"));
        assertEquals("LOAN_REPAYMENT/PAID/" + loan + "/" + face, Db.queryString("SELECT category || '/' || status || "
                + "'/' || loan_id || '/' || face_verification_id FROM withdrawal WHERE id = '" + id + "'"));
        assertEquals("CONSUMED/prepayment:" + id, Db.queryString("SELECT status || '/' || consumed_by "
                + "FROM face_verification WHERE id = '" + face + "'"));
        assertEquals("APP/member:7", Db.queryString("SELECT channel || '/' || actor FROM prepayment WHERE id = '" + id + "'"));
        assertEquals("PREPAYMENT_PAID/member:7/APP/127.0.0.1/1000000/" + face + "/PAID HPF_BALANCE",
                Db.queryString("SELECT string_agg(action || '/' || actor || '/' || channel || '/' || client_address "
                        + "|| '/' || amount_fen || '/' || face_verification_id || '/' || result, ';') FROM audit_log "
                        + "WHERE target = '" + id + "'"), "the prepayment's audit row, written with it");
        // Redis got the new snapshot: the account view shows the debited balance at once.
        as(BUYER).get("/v1/me/account").then().body("balanceFen", equalTo((int) balance(BUYER_ID)));

        // The loan now pays the quoted amount over the same number of months; its schedule adds up.
        as(BUYER).get("/v1/me/loans/" + loan).then().statusCode(200)
                .body("remainingMonths", equalTo(228))
                .body("nextInstalment.totalFen", equalTo((int) q.path("newMonthlyPaymentFen")));
        List<Number> principal = as(BUYER).get("/v1/me/loans/" + loan + "/schedule").then().statusCode(200)
                .extract().path("periods.principalFen");
        assertEquals(before - 1_000_000, principal.stream().mapToLong(Number::longValue).sum());

        Response replay = prepay(BUYER, loan, key, hpf(quoteId, face));
        assertEquals(201, replay.statusCode());
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertArrayEquals(first.asByteArray(), replay.asByteArray());
        assertEquals(balanceBefore - 1_000_000, balance(BUYER_ID), "a replay moves no money");

        prepay(BUYER, loan, key, hpf(quoteId, Fixtures.face(BUYER_ID, "PREPAYMENT"))).then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        prepay(BUYER, loan, "other-" + UUID.randomUUID(), hpf(quoteId, Fixtures.face(BUYER_ID, "PREPAYMENT")))
                .then().statusCode(422).body("code", equalTo("QUOTE_USED"));
        assertEquals(1, Db.queryLong("SELECT count(*) FROM prepayment WHERE loan_id = " + loan));
        assertEquals(1, Db.queryLong("SELECT count(*) FROM audit_log WHERE target = '" + id + "'"),
                "a replay and the refusals append no audit row");
    }

    @Test
    void shortenTermPrepaymentByBankCardMovesNoHpfMoney() {
        long loan = Fixtures.loan(BUYER_ID, 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_PRINCIPAL, 12, 0, false);
        long balanceBefore = balance(BUYER_ID);
        Response q = quote(BUYER, loan, Map.of("amountFen", 8_000_000, "mode", "SHORTEN_TERM"));
        Map<String, Object> body = new HashMap<>(Map.of("quoteId", q.path("id"), "source", "BANK_CARD",
                "faceVerificationId", Fixtures.face(BUYER_ID, "PREPAYMENT").toString(), "bankCardId", 8));
        Response r = prepay(BUYER, loan, "card-" + UUID.randomUUID(), body);
        assertEquals(201, r.statusCode(), r.asString());
        r.then().body("source", equalTo("BANK_CARD")).body("bankCardId", equalTo(8));
        assertEquals(balanceBefore, balance(BUYER_ID));
        as(BUYER).get("/v1/me/loans/" + loan).then()
                .body("remainingMonths", equalTo((int) q.path("newRemainingMonths")))
                .body("outstandingPrincipalFen", equalTo((int) q.path("newOutstandingPrincipalFen")))
                .body("nextInstalment.totalFen", equalTo((int) q.path("newMonthlyPaymentFen")));
        assertEquals(0, Db.queryLong("SELECT count(*) FROM withdrawal WHERE loan_id = " + loan));
    }

    @Test
    void fullPrepaymentClosesTheLoan() {
        long loan = Fixtures.loan(BUYER_ID, 2_000_000, "0.026", 60, RepaymentMethod.EQUAL_INSTALMENT, 30, 0, true);
        long left = outstanding(loan);
        long balanceBefore = balance(BUYER_ID);
        Response q = quote(BUYER, loan, Map.of("full", true));
        assertEquals(201, q.statusCode(), q.asString());
        q.then().body("amountFen", equalTo((int) left)).body("full", equalTo(true))
                .body("newMonthlyPaymentFen", equalTo(0)).body("newRemainingMonths", equalTo(0));
        Response r = prepay(BUYER, loan, "full-" + UUID.randomUUID(), hpf(q.path("id"), Fixtures.face(BUYER_ID, "PREPAYMENT")));
        assertEquals(201, r.statusCode(), r.asString());
        r.then().body("loanStatus", equalTo("CLOSED")).body("outstandingPrincipalFen", equalTo(0));
        assertEquals(balanceBefore - left, balance(BUYER_ID));
        as(BUYER).get("/v1/me/loans/" + loan).then().body("status", equalTo("CLOSED"))
                .body("outstandingPrincipalFen", equalTo(0)).body("remainingMonths", equalTo(0))
                .body("nextInstalment", nullValue()).body("autoTransfer.enabled", equalTo(false));
        quote(BUYER, loan, Map.of("full", true)).then().statusCode(422).body("code", equalTo("LOAN_CLOSED"));
    }

    @Test
    void expiredOrStaleQuotesAreRejectedAndChangeNothing() {
        long loan = Fixtures.loan(BUYER_ID, 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0, false);
        String expired = quoteId(BUYER, loan, Map.of("amountFen", 100_000, "mode", "SHORTEN_TERM"));
        Db.exec("UPDATE prepayment_quote SET valid_until = now() - interval '1 second' WHERE id = '" + expired + "'");
        UUID face = Fixtures.face(BUYER_ID, "PREPAYMENT");
        prepay(BUYER, loan, "exp-" + UUID.randomUUID(), hpf(expired, face)).then().statusCode(422)
                .body("code", equalTo("QUOTE_EXPIRED"));
        assertEquals("PASSED", Db.queryString("SELECT status FROM face_verification WHERE id = '" + face + "'"));

        String a = quoteId(BUYER, loan, Map.of("amountFen", 100_000, "mode", "SHORTEN_TERM"));
        String b = quoteId(BUYER, loan, Map.of("amountFen", 200_000, "mode", "SHORTEN_TERM"));
        prepay(BUYER, loan, "a-" + UUID.randomUUID(), hpf(a, face)).then().statusCode(201);
        prepay(BUYER, loan, "b-" + UUID.randomUUID(), hpf(b, Fixtures.face(BUYER_ID, "PREPAYMENT"))).then()
                .statusCode(422).body("code", equalTo("QUOTE_EXPIRED"));
    }

    @Test
    void aPassedPrepaymentFaceVerificationIsRequired() {
        long loan = Fixtures.loan(BUYER_ID, 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0, false);
        String q = quoteId(BUYER, loan, Map.of("amountFen", 100_000, "mode", "SHORTEN_TERM"));
        for (UUID face : List.of(Fixtures.pendingFace(BUYER_ID, "PREPAYMENT"), Fixtures.staleFace(BUYER_ID, "PREPAYMENT"),
                Fixtures.face(BUYER_ID, "WITHDRAWAL"))) {
            prepay(BUYER, loan, "f-" + UUID.randomUUID(), hpf(q, face)).then().statusCode(422)
                    .body("code", equalTo("FACE_VERIFICATION_REQUIRED")).body("field", equalTo("faceVerificationId"));
        }
        prepay(BUYER, loan, "f-" + UUID.randomUUID(), hpf(q, Fixtures.face(1, "PREPAYMENT"))).then().statusCode(404)
                .body("code", equalTo("FACE_VERIFICATION_NOT_FOUND"));
        prepay(BUYER, loan, "f-" + UUID.randomUUID(), hpf(q, UUID.randomUUID())).then().statusCode(404);
        UUID used = Fixtures.face(BUYER_ID, "PREPAYMENT");
        Db.exec("UPDATE face_verification SET status = 'CONSUMED', consumed_by = 'withdrawal:" + UUID.randomUUID()
                + "', consumed_at = now() WHERE id = '" + used + "'");
        prepay(BUYER, loan, "f-" + UUID.randomUUID(), hpf(q, used)).then().statusCode(422)
                .body("code", equalTo("FACE_VERIFICATION_USED"));
        prepay(BUYER, loan, null, hpf(q, Fixtures.face(BUYER_ID, "PREPAYMENT"))).then().statusCode(400)
                .body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        prepay(BUYER, loan, "f-" + UUID.randomUUID(), Map.of("quoteId", q, "source", "BANK_CARD",
                "faceVerificationId", Fixtures.face(BUYER_ID, "PREPAYMENT").toString(), "bankCardId", 1))
                .then().statusCode(404).body("code", equalTo("BANK_CARD_NOT_FOUND"));
        prepay(OWNER_WITH_LOAN, loan, "f-" + UUID.randomUUID(), hpf(q, Fixtures.face(1, "PREPAYMENT"))).then()
                .statusCode(404).body("code", equalTo("LOAN_NOT_FOUND"));
        assertEquals(0, Db.queryLong("SELECT count(*) FROM prepayment WHERE loan_id = " + loan));
        assertEquals(outstanding(loan), Db.queryLong("SELECT outstanding_before_fen FROM prepayment_quote "
                + "WHERE id = '" + q + "'"));
    }

    @Test
    void oneQuoteRacedByManyRequestsPaysOnce() throws Exception {
        long loan = Fixtures.loan(BUYER_ID, 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0, false);
        long before = balance(BUYER_ID);
        String q = quoteId(BUYER, loan, Map.of("amountFen", 123_456, "mode", "SHORTEN_TERM"));
        List<Map<String, Object>> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bodies.add(hpf(q, Fixtures.face(BUYER_ID, "PREPAYMENT")));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var futures = bodies.stream().map(b -> pool.submit(() -> prepay(BUYER, loan, "race-" + UUID.randomUUID(), b)
                    .statusCode())).toList();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : futures) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(c -> c == 201).count(), statuses.toString());
            assertTrue(statuses.stream().allMatch(c -> c == 201 || c == 409 || c == 422), statuses.toString());
        } finally {
            pool.shutdown();
        }
        assertEquals(before - 123_456, balance(BUYER_ID));
        assertEquals(1, Db.queryLong("SELECT count(*) FROM face_verification WHERE member_id = 7 AND consumed_by IN "
                + "(SELECT 'prepayment:' || id FROM prepayment WHERE loan_id = " + loan + ")"));
        assertEquals(1, Db.queryLong("SELECT count(*) FROM ledger_entry WHERE reference IN "
                + "(SELECT id::text FROM prepayment WHERE loan_id = " + loan + ")"));
    }

    @Test
    void insufficientBalanceIsRejectedAndNothingIsConsumed() {
        long lowIncome = 8;
        long loan = Fixtures.loan(lowIncome, 50_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 0, 1, false);
        long tooMuch = balance(lowIncome) + 1;
        String q = quoteId(LOW_INCOME, loan, Map.of("amountFen", tooMuch, "mode", "REDUCE_PAYMENT"));
        UUID face = Fixtures.face(lowIncome, "PREPAYMENT");
        prepay(LOW_INCOME, loan, "poor-" + UUID.randomUUID(), hpf(q, face)).then().statusCode(422)
                .body("code", equalTo("INSUFFICIENT_BALANCE"));
        assertEquals("PASSED", Db.queryString("SELECT status FROM face_verification WHERE id = '" + face + "'"));
        assertEquals(null, Db.queryString("SELECT used_by FROM prepayment_quote WHERE id = '" + q + "'"));
        assertEquals(50_000_000, outstanding(loan));
    }
}
