package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.TestClock;
import cn.hpf.mobile.support.adversary.RedisAdversary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Refusals at the door: once PostgreSQL has confirmed that no shard of the day's budget has room, a flood of
 * admissions is refused from Redis alone; whatever gives budget back opens the door again, a lost mark only sends
 * requests to PostgreSQL, and a retry of an admitted withdrawal still gets its 201. A budget of 5,000 fen over two
 * shards of 2,500.
 */
@QuarkusTest
@TestProfile(RefusalAtTheDoorTest.SmallBudget.class)
class RefusalAtTheDoorTest extends PayoutsPausedTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.admission.daily-budget-fen", "5000", "hpf.admission.budget-shards", "2",
                    "hpf.admission.write-timeout", "PT1S", "hpf.db.statement-timeout", "PT2S",
                    "hpf.admission.hold-grace", "PT10S");
        }
    }

    private static final long SHARE = 2_500;

    @Inject
    Clock clock;
    @Inject
    MeterRegistry metrics;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void anExhaustedDayRefusesAFloodWithoutPostgresAndStillAdmitsWhatSomeShardHasRoomFor() throws Exception {
        TestClock.onAFreshDay();
        admit(member(), 2_000).then().statusCode(201);
        admit(member(), 2_000).then().statusCode(201); // the other shard: 500 left on each
        refusedTheUsualWay(member(), 2_000);
        assertThat(mark()).as("the door is shut once PostgreSQL confirmed it").isNotNull();

        // The flood: valid bodies, new keys. A table the admission's first read joins (and no background job uses)
        // is locked: a request that reached PostgreSQL would wait there past statement_timeout and answer something
        // else.
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<Fixtures.Member> senders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Fixtures.Member m = i < 5 ? member() : senders.get(i % 5);
            senders.add(m);
            bodies.add(body("LOAN_REPAYMENT", 1_000 + i, null, Fixtures.face(m)));
        }
        double before = atTheDoor();
        try (Connection lock = Db.connect(); Statement st = lock.createStatement()) {
            lock.setAutoCommit(false);
            st.execute("LOCK TABLE face_verification IN ACCESS EXCLUSIVE MODE");
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Fixtures.Member m = senders.get(i);
                Map<String, Object> b = bodies.get(i);
                answers.add(CompletableFuture.supplyAsync(() -> post(m, b)));
            }
            for (CompletableFuture<Response> a : answers) {
                Response r = a.get();
                r.then().statusCode(503).body("code", equalTo("DAILY_BUDGET_EXHAUSTED"));
                assertThat(Integer.parseInt(r.header("Retry-After"))).isPositive();
            }
            lock.rollback();
        }
        assertThat(atTheDoor() - before).isEqualTo(40.0);
        assertThat(RestAssured.get("/q/metrics").asString()).contains("hpf_admission_refused_at_door_total");

        // Exact: an amount one shard still has room for is not refused by the mark.
        admit(member(), 500).then().statusCode(201);
        admit(member(), 400).then().statusCode(201); // the other shard, the only one with room left
        assertThat(reservedToday()).isEqualTo(4_900L);
        // Above one shard's share: 422, as without the door.
        admit(member(), SHARE + 1).then().statusCode(422)
                .body("code", equalTo("AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT"));
    }

    @Test
    void aFailedPayoutGivesItsBudgetBackAndOpensTheDoorAtOnce() {
        // Payouts run on the real day; this class's other tests use days of their own.
        Fixtures.Member a = member();
        UUID failing = Fixtures.withdrawal(a).toLoan().amount(SHARE).bankRejects("CARD_CLOSED").keepPayoutsPaused()
                .admit();
        admit(member(), SHARE).then().statusCode(201);
        Fixtures.Member c = member();
        refusedTheUsualWay(c, 2_000);
        refusedAtTheDoor(member(), 2_000);
        String generation = generation();

        dispatcher.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(Fixtures.status(failing)));
        await().atMost(Duration.ofSeconds(5)).until(() -> mark() == null);
        assertThat(generation()).as("a mark confirmed before the give-back can no longer be written")
                .isNotEqualTo(generation);
        double before = atTheDoor();
        admit(c, 2_000).then().statusCode(201);
        assertThat(atTheDoor()).isEqualTo(before);
    }

    @Test
    void anOperatorRaisingTheDaysBudgetCountsWithinASecondThoughNoReplicaIsTold() {
        TestClock.onAFreshDay();
        admit(member(), SHARE).then().statusCode(201);
        admit(member(), SHARE).then().statusCode(201);
        Fixtures.Member c = member();
        refusedTheUsualWay(c, 2_000);
        refusedAtTheDoor(c, 2_000);

        Db.exec("UPDATE payout_budget_day SET budget_fen = 10000 WHERE budget_day = '" + today() + "'");
        TestClock.shift(Duration.ofMillis(1_100));
        admit(c, 2_000).then().statusCode(201);
    }

    @Test
    void aMarkLostWithRedisSendsRequestsToPostgresAgainAndNothingIsOverAdmitted() {
        TestClock.onAFreshDay();
        admit(member(), SHARE).then().statusCode(201);
        admit(member(), SHARE).then().statusCode(201);
        refusedTheUsualWay(member(), 2_000);
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            redis.flush();
        }
        refusedTheUsualWay(member(), 2_000);
        assertThat(reservedToday()).isEqualTo(5_000L);
        // PostgreSQL confirms it again (at most once a second per replica) and the door shuts again.
        TestClock.shift(Duration.ofMillis(1_100));
        refusedTheUsualWay(member(), 2_000);
        refusedAtTheDoor(member(), 2_000);
        assertThat(reservedToday()).isEqualTo(5_000L);
    }

    @Test
    void aRetryOfAnAdmittedWithdrawalStillGetsItsAnswerWhileTheDoorIsShut() {
        TestClock.onAFreshDay();
        Fixtures.Member a = member();
        Map<String, Object> first = repayment(a, SHARE);
        String key = UUID.randomUUID().toString();
        String id = post(a, key, first).then().statusCode(201).extract().path("id");
        admit(member(), SHARE).then().statusCode(201);
        refusedTheUsualWay(member(), 2_000);
        refusedAtTheDoor(a, 2_000);

        post(a, key, first).then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        // Also when Redis has forgotten the answer together with the mark: PostgreSQL's record answers.
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            redis.flush();
        }
        post(a, key, first).then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        assertThat(Fixtures.withdrawals(a)).isEqualTo(1L);
    }

    /** Refused by PostgreSQL's confirmation, not by the door. */
    private void refusedTheUsualWay(Fixtures.Member m, long amountFen) {
        double before = atTheDoor();
        admit(m, amountFen).then().statusCode(503).body("code", equalTo("DAILY_BUDGET_EXHAUSTED"));
        assertThat(atTheDoor()).isEqualTo(before);
    }

    private void refusedAtTheDoor(Fixtures.Member m, long amountFen) {
        double before = atTheDoor();
        admit(m, amountFen).then().statusCode(503).body("code", equalTo("DAILY_BUDGET_EXHAUSTED"));
        assertThat(atTheDoor()).isEqualTo(before + 1);
    }

    private double atTheDoor() {
        return metrics.counter("hpf.admission.refused.at.door").count();
    }

    /** A member with a loan: LOAN_REPAYMENT has no date-bound condition, so it is possible on any day. */
    private static Fixtures.Member member() {
        return Fixtures.member().balance(100_000).loan(1_000_000_000L).create();
    }

    private static Map<String, Object> repayment(Fixtures.Member m, long amountFen) {
        return body("LOAN_REPAYMENT", amountFen, null, Fixtures.face(m));
    }

    private static Response admit(Fixtures.Member m, long amountFen) {
        return post(m, repayment(m, amountFen));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Zones.SHANGHAI));
    }

    private String mark() {
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            return redis.get(DailyBudget.doorKeys(today()).get(0));
        }
    }

    private String generation() {
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            return redis.get(DailyBudget.doorKeys(today()).get(1));
        }
    }

    private long reservedToday() {
        return Db.queryLong("SELECT coalesce(sum(reserved_fen), 0) FROM payout_budget_shard WHERE budget_day = '"
                + today() + "'");
    }
}
