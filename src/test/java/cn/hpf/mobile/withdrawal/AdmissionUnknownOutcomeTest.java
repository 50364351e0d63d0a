package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.available;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.FaceFixture;
import cn.hpf.mobile.support.RedisTestClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The admission statement's outcome is unknown (timed out while it may still commit): the Redis hold, its index
 * entry and the budget reservation must stay for recovery, which asks PostgreSQL; the client hears 503.
 */
@QuarkusTest
@TestProfile(ShortWriteTimeoutProfile.class)
class AdmissionUnknownOutcomeTest extends PayoutsPausedTest {

    private static final long AMOUNT = 10_000;

    @Inject
    RedisTestClient redisTest;
    @Inject
    RedisDataSource redis;
    @Inject
    HoldRecovery recovery;
    @Inject
    HoldIndex index;
    @Inject
    AdmissionConfig config;

    @Test
    void aWriteThatTimesOutButCommitsLaterKeepsItsHoldAndBudgetUntilRecoverySettlesIt() throws Exception {
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        long before = available(m.memberNo());
        Map<String, Object> body = body("LOAN_REPAYMENT", AMOUNT, null, FaceFixture.passed(m.id()));
        String key = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(Zones.SHANGHAI);
        String holdsKey = AdmissionKeys.member(m.id()).get(1);
        String accountKey = AdmissionKeys.member(m.id()).get(0);

        try (Connection lock = Db.connect()) {
            // Another transaction holds the account row: the admission statement waits past its timeout.
            lock.setAutoCommit(false);
            lock.createStatement().execute("SELECT 1 FROM account WHERE member_id = " + m.id() + " FOR UPDATE");

            post(m.memberNo(), key, body).then().statusCode(503).header("Retry-After", notNullValue())
                    .body("code", equalTo("ADMISSION_UNAVAILABLE"));

            // Unknown outcome: nothing given back, the hold is still pending in Redis and still indexed.
            assertThat(redisTest.hget(accountKey, "pending"), equalTo(Long.toString(AMOUNT)));
            assertThat(available(m.memberNo()), equalTo(before - AMOUNT));
            assertThat(indexed(m.id(), today), equalTo(1));
            lock.commit(); // the statement goes on and commits after the client heard 503
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> MemberFixture.withdrawals(m.id()) == 1L);
        UUID id = UUID.fromString(Db.queryString("SELECT id::text FROM withdrawal WHERE member_id = " + m.id()));
        assertThat("the budget reservation was kept", reservedOnSomeShard(today, id), equalTo(true));

        recovery.recoverOlderThan(System.currentTimeMillis() + 1_000).await().atMost(Duration.ofSeconds(10));
        assertThat(redisTest.hget(accountKey, "pending"), equalTo("0"));
        assertThat(redisTest.hget(accountKey, "held"), equalTo(Long.toString(AMOUNT)));
        assertThat(redisTest.hget(holdsKey, id.toString()), equalTo(null));
        assertThat(indexed(m.id(), today), equalTo(0));
        assertThat(available(m.memberNo()), equalTo(before - AMOUNT));
        assertThat(reservedOnSomeShard(today, id), equalTo(true));

        // The retry with the same key gets the committed answer.
        post(m.memberNo(), key, body).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(id.toString()));
        assertThat(MemberFixture.held(m.id()), equalTo(AMOUNT));
    }

    private boolean reservedOnSomeShard(LocalDate day, UUID id) {
        for (int s = 0; s < config.budgetShards(); s++) {
            if (redisTest.hget(AdmissionKeys.budget(day, s).get(1), id.toString()) != null) {
                return true;
            }
        }
        return false;
    }

    private int indexed(long memberId, LocalDate day) {
        int n = 0;
        for (int s = 0; s < config.holdIndexShards(); s++) {
            var all = redis.execute("ZRANGE", AdmissionKeys.holdIndex(s), "0", "-1");
            for (var e : all) {
                if (e.toString().endsWith("|" + memberId + "|" + day)) {
                    n++;
                }
            }
        }
        return n;
    }
}
