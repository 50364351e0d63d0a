package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.available;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.adversary.RedisAdversary;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Redis account copy that missed a write (a publish lost after a commit: a blip, a kill -9, a failover that rolled
 * the hash back) converges to PostgreSQL within its expiry, and never refuses an admission PostgreSQL would accept.
 * The copies' expiry is 2 s here (45 s by default) so that the test waits for it instead of sleeping.
 */
@QuarkusTest
@TestProfile(StaleCopyTest.ShortCopies.class)
class StaleCopyTest extends PayoutsPausedTest {

    public static class ShortCopies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.redis.account-ttl", "PT2S");
        }
    }

    private static final long BALANCE = 500_000;
    private static final long FIRST = 100_000;

    @Test
    void aWholeBalanceWithdrawalIsNotRefusedBecauseRedisMissedThatAnEarlierOneFailed() {
        Fixtures.Member m = Fixtures.member().balance(BALANCE).minimumLivingAllowance().create();
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            UUID failing = Fixtures.withdrawal(m).amount(FIRST).bankRejects("CARD_CLOSED").keepPayoutsPaused().admit();
            RedisAdversary.Snapshot withTheHold = redis.snapshot(AdmissionKeys.member(m.id()));
            dispatcher.resume();
            await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(Fixtures.status(failing)));
            // The FAILED step's publish is lost: Redis still holds FIRST back, PostgreSQL does not.
            redis.rollback(withTheHold);
        }
        assertThat(Fixtures.held(m), equalTo(0L));

        // The whole balance, as PostgreSQL has it: Redis's copy disagrees, is reconciled, and the answer is 201.
        UUID whole = UUID.fromString(post(m, body("MIN_LIVING_ALLOWANCE", BALANCE, m.cardId(), Fixtures.face(m)))
                .then().statusCode(201).extract().path("id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(Fixtures.status(whole)));
        assertThat(Fixtures.balance(m), equalTo(0L));
        assertThat(available(m), equalTo(0L));
    }

    @Test
    void aCopyThatMissedAWriteConvergesWithinItsExpiryWithoutAnyOtherWrite() {
        Fixtures.Member m = Fixtures.member(BALANCE);
        String account = AdmissionKeys.member(m.id()).get(0);
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            m.api().get("/v1/me/account").then().statusCode(200);
            assertThat("a copy is trusted for the expiry at most", redis.pttl(account),
                    allOf(greaterThan(0L), lessThanOrEqualTo(2_000L)));
            RedisAdversary.Snapshot stale = redis.snapshot(AdmissionKeys.member(m.id()));
            dispatcher.resume();
            UUID paid = Fixtures.withdrawal(m).amount(FIRST).admit();
            await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(Fixtures.status(paid)));
            // Every publish since is lost: Redis says the balance is still whole.
            redis.rollback(stale);
            assertThat(m.api().get("/v1/me/account").then().extract().jsonPath().getLong("balanceFen"),
                    equalTo(BALANCE));
        }
        // Nobody writes the account again; the copy expires and the next read refills it from PostgreSQL.
        await().atMost(Duration.ofSeconds(10)).until(() -> m.api().get("/v1/me/account").then().extract()
                .jsonPath().getLong("balanceFen") == BALANCE - FIRST);
        assertThat(Db.queryLong("SELECT balance_fen FROM account WHERE member_id = " + m.id()),
                equalTo(BALANCE - FIRST));
    }
}
