package cn.hpf.mobile.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.common.redis.RedisBreaker;
import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.chaos.FaultProxy.Mode;
import cn.hpf.mobile.support.chaos.FaultProxyResource;
import cn.hpf.mobile.withdrawal.HoldRecovery;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL or Redis stalls (connections open, no byte moving; the project's fault proxy between the app and
 * each): every request still gets its answer within its deadline, with the configured values, and the money is
 * right once the stall ends. Without the deadlines these requests hung for the whole stall.
 */
@QuarkusTest
@TestProfile(StallDeadlinesTest.ThroughTheFaultProxy.class)
class StallDeadlinesTest {

    public static class ThroughTheFaultProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FaultProxyResource.class));
        }

        /** A copy write Redis was not sent (its breaker open) is lost, as in a crash: the copy converges by expiry. */
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.redis.account-ttl", "PT3S");
        }
    }

    /** hpf.db.read-timeout (3 s), and time for the answer to travel on a loaded box. */
    private static final Duration READ_BOUND = Duration.ofMillis(4_500);
    /** hpf.http.request-deadline (9 s), and the same margin. */
    private static final Duration REQUEST_BOUND = Duration.ofMillis(10_500);
    /** Old code held the requests until the stall ended: it ends after this whatever happened. */
    private static final Duration STALL = Duration.ofSeconds(13);
    private static final long BALANCE = 500_000;
    private static final long AMOUNT = 10_000;

    @Inject
    PayoutDispatcher dispatcher;
    @Inject
    HoldRecovery recovery;
    @Inject
    RedisBreaker breaker;
    @Inject
    MeterRegistry registry;

    private final ExecutorService clients = Executors.newFixedThreadPool(3);

    @BeforeEach
    void holdPayouts() {
        dispatcher.pause();
        // The HTTP client's first request in a JVM is slow: not inside a timed one.
        io.restassured.RestAssured.given().get("/v1/ping").then().statusCode(204);
    }

    @AfterEach
    void pass() {
        FaultProxyResource.set("pg", Mode.PASS);
        FaultProxyResource.set("redis", Mode.PASS);
        clients.shutdownNow();
        dispatcher.resume();
    }

    @Test
    void aPostgresStallIsAnsweredServiceBusyWithinTheReadTimeoutAndTheMoneyStaysRight() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(BALANCE).create();
        Map<String, Object> body = body(m, Fixtures.face(m));
        String key = UUID.randomUUID().toString();

        List<Timed> answers = duringStall("pg", m, key, body);

        for (Timed read : answers.subList(0, 2)) {
            assertThat(read.millis).as("a read's answer time: %s", read).isLessThan(READ_BOUND.toMillis());
            assertBusy(read.response, "SERVICE_BUSY");
        }
        Timed admission = answers.get(2);
        assertThat(admission.millis).as("the admission's answer time").isLessThan(REQUEST_BOUND.toMillis());
        assertBusy(admission.response, null);

        assertMoneyAfterwards(m, key, body);
    }

    @Test
    void aRedisStallIsAnsweredFromPostgresWithinTheCommandTimeoutsAndTheMoneyStaysRight() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(BALANCE).create();
        m.api().get("/v1/me/account").then().statusCode(200); // the account copy is in Redis: reads go there first
        Map<String, Object> body = body(m, Fixtures.face(m));
        String key = UUID.randomUUID().toString();

        List<Timed> answers = duringStall("redis", m, key, body);

        // Redis is never the truth: reads fall back to PostgreSQL, the admission goes on on PostgreSQL alone.
        Timed account = answers.get(0);
        assertThat(account.millis).as("the account read's answer time").isLessThan(READ_BOUND.toMillis());
        assertThat(account.response.statusCode()).as(account.response.asString()).isEqualTo(200);
        assertThat(account.response.jsonPath().getLong("balanceFen")).isEqualTo(BALANCE);
        Timed statements = answers.get(1);
        assertThat(statements.millis).as("the statement page's answer time").isLessThan(READ_BOUND.toMillis());
        assertThat(statements.response.statusCode()).as(statements.response.asString()).isEqualTo(200);
        Timed admission = answers.get(2);
        assertThat(admission.millis).as("the admission's answer time").isLessThan(REQUEST_BOUND.toMillis());
        if (admission.response.statusCode() != 201) {
            assertBusy(admission.response, null);
        }

        assertMoneyAfterwards(m, key, body);
    }

    /**
     * Once Redis has stopped answering, it is not asked again until a probe finds it back: later reads fall back to
     * PostgreSQL at once instead of each waiting out a command timeout, and Redis is used again after the stall.
     */
    @Test
    void aStalledRedisIsNotAskedAgainUntilAProbeFindsItBack() {
        Fixtures.Member m = Fixtures.member().balance(BALANCE).create();
        m.api().get("/v1/me/account").then().statusCode(200);
        double refusedBefore = registry.counter("hpf.redis.breaker.refused").count();
        FaultProxyResource.set("redis", Mode.STALL);
        try {
            for (int i = 0; i < 6; i++) {
                m.api().get("/v1/me/account").then().statusCode(200)
                        .body("balanceFen", org.hamcrest.Matchers.equalTo((int) BALANCE));
            }
            assertThat(breaker.state()).as("the breaker during the stall").isNotEqualTo(RedisBreaker.State.CLOSED);
            assertThat(registry.counter("hpf.redis.breaker.refused").count() - refusedBefore)
                    .as("commands not sent to the stalled Redis").isPositive();
        } finally {
            FaultProxyResource.set("redis", Mode.PASS);
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            m.api().get("/v1/me/account").then().statusCode(200);
            assertThat(breaker.state()).isEqualTo(RedisBreaker.State.CLOSED);
        });
    }

    private record Timed(Response response, long millis) {
        @Override
        public String toString() {
            return millis + " ms, " + response.statusCode() + " " + response.asString();
        }
    }

    /**
     * Stalls the route, sends an account read, a statement page and the admission at once, and ends the stall when
     * all are answered or after STALL.
     */
    private List<Timed> duringStall(String route, Fixtures.Member m, String key, Map<String, Object> body)
            throws Exception {
        m.token();
        List<Supplier<Response>> requests = List.of(
                () -> m.api().get("/v1/me/account"),
                () -> m.api().get("/v1/me/statements"),
                () -> post(m, key, body));
        FaultProxyResource.set(route, Mode.STALL);
        try {
            List<CompletableFuture<Timed>> sent = requests.stream().map(r -> CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                Response response = r.get();
                return new Timed(response, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }, clients)).toList();
            try {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(STALL.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillWaiting) {
                // Old behaviour: answered only once the stall ends; the bounds below then fail.
            }
            FaultProxyResource.set(route, Mode.PASS);
            return sent.stream().map(CompletableFuture::join).toList();
        } finally {
            FaultProxyResource.set(route, Mode.PASS);
        }
    }

    private static void assertBusy(Response r, String code) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(503);
        assertThat(r.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(r.header("Retry-After")).isNotNull();
        String answered = r.jsonPath().getString("code");
        if (code != null) {
            assertThat(answered).isEqualTo(code);
        } else {
            assertThat(answered).isIn("SERVICE_BUSY", "ADMISSION_UNAVAILABLE", "OUTCOME_UNKNOWN");
        }
    }

    /**
     * Once the stall ends: a retry with the same Idempotency-Key gets a coherent answer (409 while the first attempt
     * may still run, then 201 — the first attempt's, or its own if nothing was done), the withdrawal exists once,
     * and the books balance.
     */
    private void assertMoneyAfterwards(Fixtures.Member m, String key, Map<String, Object> body) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
            int status = post(m, key, body).statusCode();
            assertThat(status).as("a retry's answer").isIn(201, 409, 503);
            return status == 201;
        });
        post(m, key, body).then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(Fixtures.withdrawals(m)).isEqualTo(1L);
        assertThat(Db.queryLong("SELECT a.balance_fen - COALESCE((SELECT sum(l.amount_fen) FROM ledger_entry l "
                + "WHERE l.member_id = a.member_id), 0) FROM account a WHERE a.member_id = " + m.id()))
                .as("balance = ledger").isZero();
        assertThat(Fixtures.held(m)).as("held = the withdrawal in flight").isEqualTo(AMOUNT);
        assertThat(Fixtures.balance(m)).isEqualTo(BALANCE);
        // Redis is asked again once a probe finds it back (RedisBreaker): until then a pass fails at once, unsent.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> recovery.pass().await().atMost(Duration.ofSeconds(10)));
        // The copy converges within hpf.redis.account-ttl at most (writes refused by the breaker are lost).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(m.api().get("/v1/me/account")
                .then().statusCode(200).extract().jsonPath().getLong("availableFen")).isEqualTo(BALANCE - AMOUNT));
    }

    private static Map<String, Object> body(Fixtures.Member m, UUID face) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("category", "PURCHASE");
        b.put("amountFen", AMOUNT);
        b.put("bankCardId", m.cardId());
        b.put("faceVerificationId", face.toString());
        return b;
    }

    private static Response post(Fixtures.Member m, String key, Map<String, Object> body) {
        return m.api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/withdrawals");
    }
}
