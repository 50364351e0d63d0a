package cn.hpf.mobile.common.db;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.adversary.FaultScript;
import cn.hpf.mobile.support.adversary.PostgresStall;
import cn.hpf.mobile.support.adversary.RedisAdversary;
import cn.hpf.mobile.withdrawal.AdmissionKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The request pool's wait is bounded for real (hpf.db.max-wait-queue-size, hpf.db.connection-timeout): a saturated
 * pool answers 503 SERVICE_BUSY with Retry-After at once or after the connection timeout, never a hang; and a money
 * statement that never got a connection was never sent, so it leaves no hold and no budget reservation behind. One
 * connection, one waiter, half a second.
 */
@QuarkusTest
@TestProfile(PoolSaturationTest.OneConnection.class)
class PoolSaturationTest {

    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "1", "hpf.db.max-wait-queue-size", "1",
                    "hpf.db.connection-timeout", "PT0.5S", "hpf.db.statement-timeout", "PT20S",
                    "hpf.admission.write-timeout", "PT21S", "hpf.admission.hold-grace", "PT60S");
        }
    }

    @Inject
    Pool pool;
    @Inject
    FaultPoints points;

    @Test
    void aSaturatedPoolAnswers503AtOnceOrAfterTheConnectionTimeoutNeverAHang() throws Exception {
        Fixtures.Member occupier = Fixtures.member().balance(1_000_000).loan(1_000_000_000L).create();
        Fixtures.Member m = Fixtures.member(1_000_000);
        Map<String, Object> first = repayment(occupier);
        CompletableFuture<Response> holding;
        try (PostgresStall stall = PostgresStall.account(occupier.id())) {
            // The only connection waits inside the occupier's admission statement.
            holding = CompletableFuture.supplyAsync(() -> post(occupier, first));
            PostgresStall.awaitAdmissionsWaiting(1);

            // A read waits its turn for half a second, then is told to come back.
            long started = System.nanoTime();
            m.api().get("/v1/me/statements").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue()).body("code", equalTo("SERVICE_BUSY"));
            assertThat(Duration.ofNanos(System.nanoTime() - started).toMillis(), lessThan(3_000L));

            // Two at once: one waits in the queue's only place, the other is refused without waiting.
            List<CompletableFuture<Response>> two = List.of(
                    CompletableFuture.supplyAsync(() -> m.api().get("/v1/me/statements").then().extract().response()),
                    CompletableFuture.supplyAsync(() -> m.api().get("/v1/me/statements").then().extract().response()));
            for (var answer : two) {
                answer.get().then().statusCode(503).body("code", equalTo("SERVICE_BUSY"));
            }
        }
        holding.get().then().statusCode(201);
        askedAgainWhileBusy(() -> m.api().get("/v1/me/statements").then().extract().response()).then().statusCode(200);
    }

    @Test
    void aSaturatedRequestPoolNeverMakesSignedOutSessionsUncheckable() throws Exception {
        // A signed-in member's token carries its session, checked against this replica's view of signed-out sessions.
        // Signing in shares the one connection with the background jobs: asked again while busy, as a client would.
        String token = askedAgainWhileBusy(() -> given().contentType("application/json")
                .body(Map.of("memberNo", Api.RENTER, "password", Api.PASSWORD, "channel", "APP"))
                .post("/v1/auth/token")).then().statusCode(200).extract().path("accessToken");
        askedAgainWhileBusy(() -> given().auth().oauth2(token).get("/v1/me/account")).then().statusCode(200);
        SqlConnection taken = pool.getConnection().await().atMost(Duration.ofSeconds(5));
        try {
            // The request pool's only connection is busy for longer than the view may be stale; the account read
            // itself is served from Redis, so only the view's freshness decides its answer.
            long until = System.nanoTime() + Duration.ofMillis(1_800).toNanos();
            while (System.nanoTime() < until) {
                given().auth().oauth2(token).get("/v1/me/account").then().statusCode(200);
            }
        } finally {
            taken.close().await().atMost(Duration.ofSeconds(5));
        }
    }

    @Test
    void anAdmissionWhoseStatementNeverGotAConnectionLeavesNoHoldNoReservationAndAFreeKey() {
        Fixtures.Member m = Fixtures.member().balance(1_000_000).loan(1_000_000_000L).create();
        Map<String, Object> request = repayment(m);
        AtomicReference<SqlConnection> taken = new AtomicReference<>();
        try (FaultScript script = new FaultScript(points)) {
            // Reserved and held in Redis; then somebody else has the pool's only connection.
            script.once(FaultPoint.ADMISSION_HELD, m.id(),
                    member -> taken.set(pool.getConnection().await().atMost(Duration.ofSeconds(5))));
            post(m, request).then().statusCode(503).body("code", equalTo("SERVICE_BUSY"))
                    .header("Retry-After", notNullValue());
        } finally {
            if (taken.get() != null) {
                taken.get().close().await().atMost(Duration.ofSeconds(5));
            }
        }
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            assertThat(redis.keys(AdmissionKeys.member(m.id()).get(1)), equalTo(List.of()));
            assertThat(redis.hget(AdmissionKeys.member(m.id()).get(0), "pending"),
                    anyOf(nullValue(), equalTo("0")));
            for (String res : redis.keys("{b:*}:res")) {
                assertThat(redis.hvals(res).stream().filter(v -> v.contains("|" + m.id() + "|")).toList(),
                        equalTo(List.of()));
            }
        }
        assertThat(Fixtures.withdrawals(m), equalTo(0L));
        // Definitely not written, so the key is free: the same request goes through now.
        askedAgainWhileBusy(() -> post(m, request)).then().statusCode(201);
        assertThat(Fixtures.withdrawals(m), equalTo(1L));
    }

    /**
     * The one connection is shared with the application's background jobs (payouts, recovery), so a request after the
     * fault may still meet a busy pool; a client told SERVICE_BUSY asks again, and so does the test.
     */
    private static Response askedAgainWhileBusy(Supplier<Response> request) {
        AtomicReference<Response> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            answer.set(request.get());
            return !(answer.get().statusCode() == 503 && "SERVICE_BUSY".equals(answer.get().path("code")));
        });
        return answer.get();
    }

    private static Map<String, Object> repayment(Fixtures.Member m) {
        return Map.of("category", "LOAN_REPAYMENT", "amountFen", 10_000, "loanId", m.loanId(),
                "faceVerificationId", Fixtures.face(m).toString(), "key", UUID.randomUUID().toString());
    }

    private static Response post(Fixtures.Member m, Map<String, Object> request) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(request);
        String key = (String) body.remove("key");
        return m.api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/withdrawals").then().extract().response();
    }
}
