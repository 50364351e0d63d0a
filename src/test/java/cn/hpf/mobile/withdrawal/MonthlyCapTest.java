package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.payout.PayoutRepository;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.TestClock;
import cn.hpf.mobile.support.adversary.PostgresStall;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RENT accrues 2,000 CNY for each month since the last RENT withdrawal, twelve at most: the months are consumed
 * atomically, so two requests either side of midnight cannot both find twelve months accrued. A payout the bank
 * sends back gives its months back (the member never received the money), as a failed one does.
 */
@QuarkusTest
class MonthlyCapTest extends PayoutsPausedTest {

    private static final long TWELVE_MONTHS = 12 * 200_000L;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void twoRequestsEitherSideOfMidnightCannotBothTakeTwelveMonths() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(3 * TWELVE_MONTHS).withoutPurchaseContract().create();
        LocalDate lastDay = LocalDate.now(Zones.SHANGHAI).plusMonths(1).withDayOfMonth(1).minusDays(1);
        CompletableFuture<Response> beforeMidnight;
        CompletableFuture<Response> afterMidnight;
        try (PostgresStall stall = PostgresStall.account(m.id())) {
            TestClock.setTo(lastDay.atTime(23, 59, 59).atZone(Zones.SHANGHAI).toInstant());
            Map<String, Object> first = body("RENT", TWELVE_MONTHS, m.cardId(), Fixtures.face(m));
            beforeMidnight = CompletableFuture.supplyAsync(() -> post(m, first));
            PostgresStall.awaitAdmissionsWaiting(1);
            TestClock.setTo(lastDay.plusDays(1).atTime(0, 0, 1).atZone(Zones.SHANGHAI).toInstant());
            Map<String, Object> second = body("RENT", TWELVE_MONTHS, m.cardId(), Fixtures.face(m));
            afterMidnight = CompletableFuture.supplyAsync(() -> post(m, second));
            PostgresStall.awaitAdmissionsWaiting(2);
            // Both read "no RENT withdrawal yet, twelve months accrued" before either committed.
        }
        List<Integer> statuses = List.of(beforeMidnight.get().statusCode(), afterMidnight.get().statusCode());
        assertThat(statuses, containsInAnyOrder(201, 422));
        Response refused = beforeMidnight.get().statusCode() == 422 ? beforeMidnight.get() : afterMidnight.get();
        assertThat(refused.jsonPath().getString("code"), equalTo("CATEGORY_CAP_EXCEEDED"));
        assertThat(Db.queryLong("SELECT coalesce(sum(amount_fen), 0) FROM withdrawal WHERE member_id = " + m.id()),
                equalTo(TWELVE_MONTHS));
    }

    @Test
    void aReturnedRentPayoutGivesItsMonthsBack() {
        Fixtures.Member m = Fixtures.member().balance(3 * TWELVE_MONTHS).withoutPurchaseContract().create();
        dispatcher.resume();
        UUID id = UUID.fromString(post(m, body("RENT", TWELVE_MONTHS, m.cardId(), Fixtures.face(m))).then()
                .statusCode(201).extract().path("id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(Fixtures.status(id)));
        post(m, body("RENT", 1_000, m.cardId(), Fixtures.face(m))).then().statusCode(422)
                .body("code", equalTo("CATEGORY_CAP_EXCEEDED"));

        Api.asOperator().contentType(ContentType.JSON).body(Map.of("reason", "ACCOUNT_CLOSED"))
                .post("/sandbox/bank/payouts/" + id + "/return").then().statusCode(200);
        post(m, body("RENT", TWELVE_MONTHS, m.cardId(), Fixtures.face(m))).then().statusCode(201);
    }

    /**
     * A RENT payout the bank refuses while the next month's RENT admission of the same member is committing: the
     * FAILED step gives its own month back, but must not overwrite the month the admission has just consumed (its
     * snapshot predates that admission). Otherwise the months come back twice and the cap is passed.
     */
    @Test
    void aFailedPayoutBesideTheNextMonthsAdmissionLeavesThatMonthConsumed() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(3 * TWELVE_MONTHS).withoutPurchaseContract().create();
        LocalDate first = LocalDate.now(Zones.SHANGHAI).withDayOfMonth(1).plusMonths(1);
        TestClock.setTo(first.atTime(10, 0).atZone(Zones.SHANGHAI).toInstant());
        UUID refused = Fixtures.withdrawal(m).category("RENT").amount(200_000).bankRejects("CARD_CLOSED").admit();

        LocalDate next = first.plusMonths(1);
        TestClock.setTo(next.atTime(10, 0).atZone(Zones.SHANGHAI).toInstant());
        Map<String, Object> nextMonth = body("RENT", 200_000, m.cardId(), Fixtures.face(m));
        CompletableFuture<Response> admission;
        try (PostgresStall stall = PostgresStall.account(m.id())) {
            admission = CompletableFuture.supplyAsync(() -> post(m, nextMonth));
            PostgresStall.awaitAdmissionsWaiting(1);
            dispatcher.resume();
            PostgresStall.awaitWaiting("%" + PayoutRepository.FAILED_BATCH.function() + "(%", 1);
            // Both wait for the member's account: the admission first, then the FAILED step.
        }
        admission.get().then().statusCode(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(Fixtures.status(refused)));
        assertThat(Db.queryString("SELECT last_month::text FROM withdrawal_accrual WHERE member_id = " + m.id()
                + " AND category = 'RENT'"), equalTo(next.toString()));

        TestClock.setTo(next.plusMonths(1).atTime(10, 0).atZone(Zones.SHANGHAI).toInstant());
        post(m, body("RENT", TWELVE_MONTHS, m.cardId(), Fixtures.face(m))).then().statusCode(422)
                .body("code", equalTo("CATEGORY_CAP_EXCEEDED"));
    }

    /**
     * Months accrue from the last RENT withdrawal; only a member who never made one counts from the account's status
     * date. A status date later than that withdrawal must not make PostgreSQL refuse what the rules allow.
     */
    @Test
    void monthsAccrueFromTheLastWithdrawalEvenWhenTheStatusDateIsLater() {
        LocalDate thisMonth = LocalDate.now(Zones.SHANGHAI).withDayOfMonth(1);
        Fixtures.Member m = Fixtures.member().balance(3 * TWELVE_MONTHS).withoutPurchaseContract()
                .status("NORMAL", thisMonth.minusMonths(1)).create();
        Map<String, Object> twoYearsAgo = body("RENT", 200_000, m.cardId(), Fixtures.face(m));
        TestClock.setTo(thisMonth.minusYears(2).atTime(10, 0).atZone(Zones.SHANGHAI).toInstant());
        post(m, twoYearsAgo).then().statusCode(201);
        TestClock.reset();

        post(m, body("RENT", 1_000_000, m.cardId(), Fixtures.face(m))).then().statusCode(201);
    }
}
