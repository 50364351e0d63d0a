package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.TestClock;
import cn.hpf.mobile.support.adversary.FaultScript;
import cn.hpf.mobile.support.adversary.PostgresStall;
import cn.hpf.mobile.support.adversary.RedisAdversary;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The centre's daily payout budget holds whatever Redis loses: PostgreSQL guards it inside the admission statement
 * (one row per shard), and a Redis counter that drifted either way is repaired against those rows, not only rebuilt
 * when it is missing. A budget of 5,000 fen on one shard, on a day of the test's own.
 */
@QuarkusTest
@TestProfile(BudgetBackstopTest.SmallBudget.class)
class BudgetBackstopTest extends PayoutsPausedTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.admission.daily-budget-fen", "5000", "hpf.admission.budget-shards", "1",
                    "hpf.admission.write-timeout", "PT1S", "hpf.db.statement-timeout", "PT2S",
                    "hpf.admission.hold-grace", "PT10S");
        }
    }

    private static final long AMOUNT = 3_000;

    @Inject
    HoldRecovery recovery;
    @Inject
    Clock clock;
    @Inject
    FaultPoints faults;

    @BeforeEach
    void aDayOfItsOwn() {
        TestClock.onAFreshDay();
    }

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void aFlushBetweenAReservationAndItsCommitCannotLetTheDayPassItsBudget() throws Exception {
        Fixtures.Member a = member();
        Fixtures.Member b = member();
        CompletableFuture<Response> first;
        try (PostgresStall stall = PostgresStall.account(a.id()); RedisAdversary redis = RedisAdversary.ofApplication()) {
            // A has reserved in Redis and waits inside its statement when Redis forgets everything.
            first = CompletableFuture.supplyAsync(() -> post(a, repayment(a, AMOUNT)));
            PostgresStall.awaitAdmissionsWaiting(1);
            redis.flush();
            // B finds no counter, rebuilds it from what PostgreSQL has committed (not A), and is admitted.
            post(b, repayment(b, AMOUNT)).then().statusCode(201);
        }
        // A commits only if the day's PostgreSQL row still has room: it has not.
        first.get().then().statusCode(503).body("code", equalTo("DAILY_BUDGET_EXHAUSTED"));
        assertThat(budgetedToday(), lessThanOrEqualTo(5_000L));
        assertThat(Fixtures.withdrawals(a), equalTo(0L));
        assertThat(rowToday(), equalTo(AMOUNT));
        assertThat(counterToday(), equalTo(AMOUNT));
    }

    @Test
    void aCounterRolledBackByAFailoverIsBackstoppedByPostgresAndRepaired() {
        Fixtures.Member a = member();
        Fixtures.Member b = member();
        post(a, repayment(a, 1)).then().statusCode(201); // the counter exists
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            var keys = AdmissionKeys.budget(today(), 0);
            RedisAdversary.Snapshot before = redis.snapshot(keys);
            post(a, repayment(a, AMOUNT)).then().statusCode(201);
            // A failover lost the acknowledged reservation of a withdrawal that did commit; the counter lives on.
            redis.rollback(before);
            assertThat(counterToday(), equalTo(1L));

            post(b, repayment(b, AMOUNT)).then().statusCode(503)
                    .body("code", equalTo("DAILY_BUDGET_EXHAUSTED"));
            assertThat(budgetedToday(), equalTo(AMOUNT + 1));
            assertThat("repaired at once when PostgreSQL refused", counterToday(), equalTo(AMOUNT + 1));

            // The same loss with nobody admitted after it: the periodic repair finds the drift.
            redis.rollback(before);
            recovery.pass().await().atMost(Duration.ofSeconds(10));
            assertThat(counterToday(), equalTo(AMOUNT + 1));
        }
    }

    @Test
    void aStatementThatOutlivesItsRequestCanNeverCommitAfterRecoveryGaveItsBudgetBack() {
        Fixtures.Member a = member();
        try (PostgresStall stall = PostgresStall.account(a.id())) {
            post(a, repayment(a, AMOUNT)).then().statusCode(503)
                    .body("code", equalTo("ADMISSION_UNAVAILABLE"));
            // The server aborts the waiting statement after statement_timeout, while the row is still locked.
            PostgresStall.awaitAdmissionsWaiting(0);
            TestClock.shift(Duration.ofMinutes(1));
            recovery.pass().await().atMost(Duration.ofSeconds(10));
            assertThat("the reservation was given back", counterToday(), equalTo(0L));
        }
        // The lock is gone; the statement was aborted, so nothing commits behind recovery's back.
        assertThat(Fixtures.withdrawals(a), equalTo(0L));
        assertThat(rowToday(), equalTo(0L));
        post(a, repayment(a, AMOUNT)).then().statusCode(201);
        assertThat(counterToday(), equalTo(AMOUNT));
    }

    @Test
    void budgetCountersReservationsAndHoldsCarryNoExpiryForAnEvictionPolicyToTake() throws Exception {
        Fixtures.Member a = member();
        CompletableFuture<Response> admission;
        try (PostgresStall stall = PostgresStall.account(a.id()); RedisAdversary redis = RedisAdversary.ofApplication()) {
            admission = CompletableFuture.supplyAsync(() -> post(a, repayment(a, AMOUNT)));
            PostgresStall.awaitAdmissionsWaiting(1);
            // In flight: the counter, the reservation and the member's hold all exist, and none can expire.
            for (String key : List.of(AdmissionKeys.budget(today(), 0).get(0), AdmissionKeys.budget(today(), 0).get(1),
                    AdmissionKeys.member(a.id()).get(1))) {
                assertThat(key + " has no expiry", redis.pttl(key), equalTo(-1L));
            }
        }
        admission.get().then().statusCode(201);
    }

    /**
     * Another replica, configured with two shards, fixed today's terms and filled both shares. This replica is
     * configured with one shard of the whole budget: it must use the day's terms, not its own, or the shard rows
     * would admit the budget a second time.
     */
    @Test
    void aReplicaConfiguredDifferentlyOnTheSameDayUsesTheDaysFixedTerms() {
        Db.exec("INSERT INTO payout_budget_day (budget_day, budget_fen, shards) VALUES ('" + today() + "', 5000, 2)");
        Db.exec("INSERT INTO payout_budget_shard (budget_day, shard, reserved_fen, limit_fen) VALUES ('" + today()
                + "', 0, 2500, 2500), ('" + today() + "', 1, 2500, 2500)");
        Fixtures.Member a = member();
        post(a, repayment(a, 2_000)).then().statusCode(503).body("code", equalTo("DAILY_BUDGET_EXHAUSTED"));
        assertThat(rowToday(), equalTo(5_000L));
        // One withdrawal can be at most one share of the day's terms.
        post(a, repayment(a, AMOUNT)).then().statusCode(422).body("code", equalTo("AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT"));
        assertThat(Fixtures.withdrawals(a), equalTo(0L));
    }

    /**
     * A reservation whose statement is sent late (a cold cache filled, a member reconciled, here a clock moved past
     * hold-grace) is stamped again first: recovery must not give back the budget of a statement still in flight.
     */
    @Test
    void aReservationHeldUpBeforeItsStatementIsStampedAgainSoRecoveryKeepsIt() throws Exception {
        Fixtures.Member a = member();
        CompletableFuture<Response> admission;
        try (FaultScript script = new FaultScript(faults).once(FaultPoint.ADMISSION_RESERVED, a.id(),
                m -> TestClock.shift(Duration.ofSeconds(11)));
             PostgresStall stall = PostgresStall.account(a.id())) {
            admission = CompletableFuture.supplyAsync(() -> post(a, repayment(a, AMOUNT)));
            PostgresStall.awaitAdmissionsWaiting(1);
            recovery.pass().await().atMost(Duration.ofSeconds(10));
            assertThat("the reservation in flight is still counted", counterToday(), equalTo(AMOUNT));
        }
        admission.get();
        TestClock.shift(Duration.ofMinutes(1));
        recovery.pass().await().atMost(Duration.ofSeconds(10));
        assertThat(counterToday(), equalTo(rowToday()));
    }

    /** A member with a loan: LOAN_REPAYMENT has no date-bound condition, so it is possible on any day. */
    private static Fixtures.Member member() {
        return Fixtures.member().balance(10 * AMOUNT).loan(1_000_000_000L).create();
    }

    private static Map<String, Object> repayment(Fixtures.Member m, long amountFen) {
        return body("LOAN_REPAYMENT", amountFen, null, Fixtures.face(m));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Zones.SHANGHAI));
    }

    private long budgetedToday() {
        return Db.queryLong("SELECT coalesce(sum(amount_fen), 0) FROM withdrawal WHERE budget_day = '" + today()
                + "' AND status <> 'FAILED' AND NOT settled_internally");
    }

    private long rowToday() {
        return Db.queryLong("SELECT coalesce(sum(reserved_fen), 0) FROM payout_budget_shard WHERE budget_day = '"
                + today() + "'");
    }

    private long counterToday() {
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            String v = redis.get(AdmissionKeys.budget(today(), 0).get(0));
            return v == null ? -1 : Long.parseLong(v);
        }
    }
}
