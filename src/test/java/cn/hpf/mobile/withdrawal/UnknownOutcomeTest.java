package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.available;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.adversary.PostgresStall;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.RedisTestClient;
import cn.hpf.mobile.support.TestClock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admission statement's outcome is unknown (the client stopped waiting while it may still commit). While it
 * is unknown, the same key gets 409 IDEMPOTENCY_KEY_IN_FLIGHT — never an answer that later proves untrue — and the
 * unknown is decided within write-timeout + statement-timeout: the server aborts a statement that runs longer.
 */
@QuarkusTest
@TestProfile(UnknownOutcomeTest.ShortTimeouts.class)
class UnknownOutcomeTest extends PayoutsPausedTest {

    /** The client waits 1 s, the server lets a statement run 3 s: a row lock makes the outcome unknown for a while. */
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.admission.write-timeout", "PT1S", "hpf.db.statement-timeout", "PT3S");
        }
    }

    private static final long BALANCE = 50_000;

    @Inject
    RedisTestClient redisTest;
    @Inject
    RedisDataSource redis;
    @Inject
    HoldRecovery recovery;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void aRetryWhileTheOutcomeIsUnknownIsToldToWaitEvenWhenRedisLostTheKeyAndThenGetsTheCommit() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(BALANCE).loan(90_000_000_000L).create();
        // The whole balance: a retry that ran beside the first attempt would be refused INSUFFICIENT_BALANCE.
        Map<String, Object> body = body("LOAN_REPAYMENT", BALANCE, null, Fixtures.face(m));
        String key = UUID.randomUUID().toString();

        try (Connection lock = lockAccount(m.id())) {
            Response first = post(m, key, body);
            first.then().statusCode(503).header("Retry-After", notNullValue())
                    .body("code", equalTo("ADMISSION_UNAVAILABLE"));
            assertThat("decided within write-timeout + statement-timeout (+1 s)",
                    Integer.parseInt(first.header("Retry-After")), lessThanOrEqualTo(5));

            post(m, key, body).then().statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_IN_FLIGHT"));
            // Redis lost the key's lease (flush, failover, eviction): the first attempt's hold still says so.
            redisTest.keys("{m:" + m.id() + "}:idem:*").forEach(k -> redis.key().del(k));
            post(m, key, body).then().statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_IN_FLIGHT"));
            lock.commit(); // within the statement timeout: the first attempt goes on and commits
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.withdrawals(m) == 1L);
        UUID id = UUID.fromString(Db.queryString("SELECT id::text FROM withdrawal WHERE member_id = " + m.id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> post(m, key, body).statusCode() == 201);
        post(m, key, body).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(id.toString()));
        assertThat(Fixtures.withdrawals(m), equalTo(1L));

        // Recovery settles the hold the unknown attempt left behind, once it is older than hold-grace.
        TestClock.shift(Duration.ofMinutes(2));
        recovery.pass().await().atMost(Duration.ofSeconds(10));
        assertThat(redisTest.hget(AdmissionKeys.member(m.id()).get(1), id.toString()), equalTo(null));
        assertThat(available(m), equalTo(0L));
        assertThat(Fixtures.held(m), equalTo(BALANCE));
    }

    @Test
    void aStatementHeldPastTheStatementTimeoutIsAbortedAndTheRetryThenRunsAfresh() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(BALANCE).loan(90_000_000_000L).create();
        Map<String, Object> body = body("LOAN_REPAYMENT", 10_000, null, Fixtures.face(m));
        String key = UUID.randomUUID().toString();

        try (Connection lock = lockAccount(m.id())) {
            post(m, key, body).then().statusCode(503).body("code", equalTo("ADMISSION_UNAVAILABLE"));
            // The server gives up on the waiting statement after its statement timeout.
            PostgresStall.awaitAdmissionsWaiting(0);
            lock.commit();
        }
        assertThat("aborted: it can never commit later", Fixtures.withdrawals(m), equalTo(0L));

        // Once the outcome is decided the key is free again; the first attempt's hold stays until it is older than
        // hold-grace, then the retry's reconciliation drops it and the retry runs, once.
        post(m, key, body).then().statusCode(409);
        TestClock.shift(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(15)).until(() -> post(m, key, body).statusCode() != 409);
        assertThat(Fixtures.withdrawals(m), equalTo(1L));
        post(m, key, body).then().statusCode(201).header("Idempotent-Replayed", "true");

        // The first attempt's budget reservation is dead too: recovery gives it back.
        recovery.pass().await().atMost(Duration.ofSeconds(10));
        assertThat(available(m), equalTo(BALANCE - 10_000));
        assertThat(Fixtures.held(m), equalTo(10_000L));
    }

    /** Another transaction holds the member's account row: the admission statement waits on it. */
    private static Connection lockAccount(long memberId) throws Exception {
        Connection lock = Db.connect();
        lock.setAutoCommit(false);
        lock.createStatement().execute("SELECT 1 FROM account WHERE member_id = " + memberId + " FOR UPDATE");
        return lock;
    }
}
