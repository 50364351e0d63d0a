package cn.hpf.mobile.payout;

import static cn.hpf.mobile.support.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.account.AccountService;
import cn.hpf.mobile.common.redis.RedisKeys;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.RedisTestClient;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.withdrawal.WithdrawalAccepted;
import cn.hpf.mobile.withdrawal.WithdrawalRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PayoutDispatcherTest {

    @Inject
    Event<WithdrawalAccepted> accepted;
    @Inject
    MeterRegistry registry;
    @Inject
    RedisTestClient redis;
    @Inject
    AccountService accounts;
    @Inject
    PayoutDispatcher dispatcher;

    @Test
    void paidPostsTheHoldOnceAndPublishesTheAccount() {
        Member m = Fixtures.member().withHistory().create();
        long balance = balance(m);
        accounts.refill(m.id()).await().atMost(Duration.ofSeconds(5)); // Redis has an older copy to replace
        long paidBefore = payoutTimer().count();

        UUID id = Fixtures.withdrawal(m).amount(123_45).admit();
        accepted.fireAsync(new WithdrawalAccepted(id));

        awaitStatus(id, "PAID");
        assertThat(balance(m), equalTo(balance - 123_45L));
        assertThat(held(m), equalTo(0L));
        assertThat(count("SELECT count(*) FROM ledger_entry WHERE type = 'WITHDRAWAL' AND reference = '" + id
                + "' AND amount_fen = -12345 AND channel = 'APP' AND actor = 'member:" + m.id() + "'"), equalTo(1L));
        assertThat(count("SELECT count(*) FROM payout_outbox WHERE withdrawal_id = '" + id + "'"), equalTo(0L));
        assertThat(Db.queryString("SELECT bank_reference FROM withdrawal WHERE id = '" + id + "'"), startsWith("SBX"));
        assertThat(count("SELECT pay_calls FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"), equalTo(1L));

        long version = count("SELECT version FROM account WHERE member_id = " + m.id());
        assertThat(redis.hget(RedisKeys.account(m.id()), "v"), equalTo(Long.toString(version)));
        assertThat(redis.hget(RedisKeys.account(m.id()), "bal"), equalTo(Long.toString(balance - 123_45)));
        assertThat(payoutTimer().count(), greaterThan(paidBefore));
        io.restassured.RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("withdrawal_payout_seconds_count"))
                .body(containsString("withdrawal_payout_seconds{quantile=\"0.5\"}"))
                .body(containsString("withdrawal_payout_seconds_bucket"));
        m.api().get("/v1/me/account").then().statusCode(200)
                .body("balanceFen", equalTo((int) (balance - 123_45)))
                .body("availableFen", equalTo((int) (balance - 123_45)));
    }

    @Test
    void theScheduledPollPaysWithoutTheEvent() {
        Member m = Fixtures.member().withHistory().create();
        UUID id = Fixtures.withdrawal(m).amount(500).admit();
        awaitStatus(id, "PAID");
    }

    @Test
    void definitiveRejectionFailsVoidsTheHoldAndPostsNothing() {
        Member m = Fixtures.member().withHistory().create();
        long balance = balance(m);
        UUID id = Fixtures.withdrawal(m).amount(50_000).bankRejects("CARD_CLOSED").keepPayoutsPaused().admit();
        assertThat(held(m), equalTo(50_000L));
        dispatcher.resume();

        awaitStatus(id, "FAILED");
        assertThat(Db.queryString("SELECT failure_code FROM withdrawal WHERE id = '" + id + "'"), equalTo("CARD_CLOSED"));
        assertThat(balance(m), equalTo(balance));
        assertThat(held(m), equalTo(0L));
        assertThat(count("SELECT count(*) FROM ledger_entry WHERE reference = '" + id + "'"), equalTo(0L));
        assertThat(count("SELECT count(*) FROM payout_outbox WHERE withdrawal_id = '" + id + "'"), equalTo(0L));
        // A failed payout does not give the face verification back.
        assertThat(Db.queryString("SELECT f.status FROM face_verification f JOIN withdrawal w "
                + "ON w.face_verification_id = f.id WHERE w.id = '" + id + "'"), equalTo("CONSUMED"));
        m.api().get("/v1/me/account").then().statusCode(200)
                .body("balanceFen", equalTo((int) balance)).body("availableFen", equalTo((int) balance));
    }

    @Test
    void aTimeoutStaysPayingIsResolvedByAskingAndPaysOnce() {
        Member m = Fixtures.member().withHistory().create();
        long balance = balance(m);
        // The bank takes the order but every answer is lost until the script is released.
        UUID id = Fixtures.withdrawal(m).amount(70_000).bankPays(1_000_000).admit();
        accepted.fireAsync(new WithdrawalAccepted(id));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT query_calls FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'") >= 2);
        assertThat(status(id), equalTo("PAYING"));
        // PAYING is the outbox lease's state: the withdrawal row is written only at admission and at the end.
        assertThat(Db.queryString("SELECT status FROM withdrawal WHERE id = '" + id + "'"), equalTo("ACCEPTED"));
        m.api().get("/v1/withdrawals/" + id).then().statusCode(200).body("status", equalTo("PAYING"));
        assertThat(balance(m), equalTo(balance));
        assertThat(held(m), equalTo(70_000L));
        assertThat(Db.queryString("SELECT last_error FROM payout_outbox WHERE withdrawal_id = '" + id + "'"), equalTo("TIMEOUT"));

        Db.exec("UPDATE sandbox_bank_script SET timeouts = 0 WHERE withdrawal_id = '" + id + "'");
        awaitStatus(id, "PAID");
        assertThat(count("SELECT pay_calls FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"), equalTo(1L));
        assertThat(count("SELECT count(*) FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"), equalTo(1L));
        assertThat(count("SELECT count(*) FROM ledger_entry WHERE reference = '" + id + "'"), equalTo(1L));
        assertThat(balance(m), equalTo(balance - 70_000L));
        assertThat(held(m), equalTo(0L));
    }

    @Test
    void aReturnedRetirementPayoutReopensTheClosedAccountSealedWithItsMoney() {
        Member m = Fixtures.member().withHistory().bornIn(1960).create();
        long balance = balance(m);
        UUID id = Fixtures.withdrawal(m).category("RETIREMENT").amount(balance).admit();
        accepted.fireAsync(new WithdrawalAccepted(id));
        awaitStatus(id, "PAID");
        assertThat(Db.queryString("SELECT status FROM account WHERE member_id = " + m.id()), equalTo("CLOSED"));

        cn.hpf.mobile.support.Api.asOperator().contentType(ContentType.JSON).body(Map.of("reason", "ACCOUNT_CLOSED"))
                .post("/sandbox/bank/payouts/" + id + "/return").then().statusCode(200);
        assertThat(balance(m), equalTo(balance));
        m.api().get("/v1/me/account").then().statusCode(200)
                .body("status", equalTo("SEALED")).body("balanceFen", equalTo((int) balance))
                .body("availableFen", equalTo((int) balance));
    }

    @Test
    void aBankReturnAfterPaidPostsAReversingEntryOnce() {
        Member m = Fixtures.member().withHistory().create();
        long balance = balance(m);
        UUID id = Fixtures.withdrawal(m).amount(30_000).admit();
        accepted.fireAsync(new WithdrawalAccepted(id));
        awaitStatus(id, "PAID");

        for (int i = 0; i < 2; i++) {
            cn.hpf.mobile.support.Api.asOperator().contentType(ContentType.JSON).body(Map.of("reason", "ACCOUNT_CLOSED"))
                    .post("/sandbox/bank/payouts/" + id + "/return").then()
                    .statusCode(200).body("status", equalTo("RETURNED")).body("withdrawalId", equalTo(id.toString()));
        }
        assertThat(status(id), equalTo("RETURNED"));
        assertThat(count("SELECT count(*) FROM ledger_entry WHERE type = 'RETURNED' AND amount_fen = 30000 AND reference = '"
                + id + "'"), equalTo(1L));
        assertThat(count("SELECT count(*) FROM ledger_entry WHERE type = 'WITHDRAWAL' AND reference = '" + id + "'"), equalTo(1L));
        assertThat(balance(m), equalTo(balance));
        assertThat(count("SELECT sum(amount_fen) FROM ledger_entry WHERE member_id = " + m.id()), equalTo(balance));
    }

    @Test
    void aSandboxReturnCreditsAnAccountSoOnlyAnOperatorMayAskForIt() {
        Member m = Fixtures.member().withHistory().create();
        UUID id = Fixtures.withdrawal(m).amount(300).admit();
        awaitStatus(id, "PAID");
        long balance = count("SELECT balance_fen FROM account WHERE member_id = " + m.id());
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body("{}")
                .post("/sandbox/bank/payouts/" + id + "/return").then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
        m.api().contentType(ContentType.JSON).body("{}")
                .post("/sandbox/bank/payouts/" + id + "/return").then()
                .statusCode(403).body("code", equalTo("FORBIDDEN"));
        assertThat(count("SELECT balance_fen FROM account WHERE member_id = " + m.id()), equalTo(balance));
        assertThat(status(id), equalTo("PAID"));
    }

    @Test
    void onlyAPaidPayoutCanBeReturned() {
        Member m = Fixtures.member().withHistory().create();
        UUID id = Fixtures.withdrawal(m).amount(100).bankRejects("CARD_CLOSED").admit();
        awaitStatus(id, "FAILED");
        cn.hpf.mobile.support.Api.asOperator().contentType(ContentType.JSON).body("{}")
                .post("/sandbox/bank/payouts/" + id + "/return").then()
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("PAYOUT_NOT_FOUND"));
        cn.hpf.mobile.support.Api.asOperator().contentType(ContentType.JSON).body("{}")
                .post("/sandbox/bank/payouts/" + UUID.randomUUID() + "/return").then().statusCode(404);
    }

    @Test
    void aLoanRepaymentGoesToTheLendingBankAndLowersTheLoan() {
        Member m = Fixtures.member().withHistory().loan(40_000).create();
        long loan = m.loanId();
        UUID first = Fixtures.withdrawal(m).toLoan().amount(15_000).admit();
        awaitStatus(first, "PAID");
        assertThat(Db.queryString("SELECT payee FROM sandbox_bank_payment WHERE withdrawal_id = '" + first + "'"),
                allOf(startsWith("LOAN_ACCOUNT"), containsString("3300 **** ****")));
        assertThat(count("SELECT outstanding_principal_fen FROM loan WHERE id = " + loan), equalTo(25_000L));

        UUID rest = Fixtures.withdrawal(m).toLoan().amount(25_000).admit();
        awaitStatus(rest, "PAID");
        assertThat(count("SELECT outstanding_principal_fen FROM loan WHERE id = " + loan), equalTo(0L));
        assertThat(Db.queryString("SELECT status FROM loan WHERE id = " + loan), equalTo("CLOSED"));
    }

    @Test
    void retirementClosesTheAccountWhenPaid() {
        Member m = Fixtures.member().withHistory().bornIn(1960).create();
        long balance = balance(m);
        UUID id = Fixtures.withdrawal(m).category("RETIREMENT").amount(balance).admit();
        awaitStatus(id, "PAID");
        assertThat(balance(m), equalTo(0L));
        assertThat(Db.queryString("SELECT status FROM account WHERE member_id = " + m.id()), equalTo("CLOSED"));
        m.api().get("/v1/me/account").then().statusCode(200).body("status", equalTo("CLOSED"));
    }

    private Timer payoutTimer() {
        return registry.get(PayoutMetrics.PAYOUT_TIMER).timer();
    }

    static void awaitStatus(UUID id, String expected) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> expected.equals(status(id)));
    }

    /** The status as members see it (PAYING lives in the outbox lease). */
    static String status(UUID id) {
        return Db.queryString("SELECT " + WithdrawalRepository.VISIBLE_STATUS + " FROM withdrawal w WHERE w.id = '"
                + id + "'");
    }

    static long balance(Member m) {
        return count("SELECT balance_fen FROM account WHERE member_id = " + m.id());
    }

    static long held(Member m) {
        return count("SELECT held_fen FROM account WHERE member_id = " + m.id());
    }

    static long count(String sql) {
        return Db.queryLong(sql);
    }
}
