package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.available;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.TestClock;
import cn.hpf.mobile.support.adversary.FaultScript;
import cn.hpf.mobile.support.adversary.RedisAdversary;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A failover loses the settle of a hold on {@code {m:id}} while the budget's confirmation on another node is kept:
 * the hold stays, no index points at it any more, and the member's available balance is under-stated. The
 * member's holds are reconciled against PostgreSQL directly: when she is refused because of it, and by recovery.
 */
@QuarkusTest
class OrphanHoldTest extends PayoutsPausedTest {

    private static final long AMOUNT = 100_000;

    @Inject
    FaultPoints points;
    @Inject
    HoldRecovery recovery;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void aHoldWhoseSettleWasLostIsDroppedWhenItWouldRefuseTheMemberAndByRecovery() {
        Fixtures.Member m = Fixtures.member().balance(3 * AMOUNT).loan(90_000_000_000L).create();
        String account = AdmissionKeys.member(m.id()).get(0);
        String holds = AdmissionKeys.member(m.id()).get(1);
        AtomicReference<RedisAdversary.Snapshot> beforeSettle = new AtomicReference<>();
        try (RedisAdversary redis = RedisAdversary.ofApplication(); FaultScript script = new FaultScript(points)) {
            script.once(FaultPoint.ADMISSION_COMMITTED, m.id(),
                    member -> beforeSettle.set(redis.snapshot(AdmissionKeys.member(member))));
            // The member's node fails over after the settle: the settle is lost, the budget's confirmation kept.
            script.once(FaultPoint.ADMISSION_SETTLED, m.id(), member -> redis.rollback(beforeSettle.get()));
            String id = post(m, body("LOAN_REPAYMENT", AMOUNT, null, Fixtures.face(m))).then().statusCode(201)
                    .extract().path("id");
            assertThat("the hold outlived its commit", redis.hget(holds, id), notNullValue());
            // The copy is refreshed (its expiry, a publish): PostgreSQL's held and the orphan both count now.
            redis.drop(java.util.List.of(account));
            assertThat(available(m), equalTo(AMOUNT));
        }

        // What is left (2 × AMOUNT) is refused by Redis; PostgreSQL is asked before she hears it, and she is not.
        post(m, body("LOAN_REPAYMENT", 2 * AMOUNT, null, Fixtures.face(m))).then().statusCode(201);
        assertThat(available(m), equalTo(0L));
        assertThat(Fixtures.held(m), equalTo(3 * AMOUNT));
    }

    @Test
    void recoveryFindsAnOrphanHoldThroughTheMembersHoldsNotThroughAnIndex() {
        Fixtures.Member m = Fixtures.member().balance(3 * AMOUNT).loan(90_000_000_000L).create();
        String account = AdmissionKeys.member(m.id()).get(0);
        String holds = AdmissionKeys.member(m.id()).get(1);
        UUID id;
        AtomicReference<RedisAdversary.Snapshot> beforeSettle = new AtomicReference<>();
        try (RedisAdversary redis = RedisAdversary.ofApplication(); FaultScript script = new FaultScript(points)) {
            script.once(FaultPoint.ADMISSION_COMMITTED, m.id(),
                    member -> beforeSettle.set(redis.snapshot(AdmissionKeys.member(member))));
            script.once(FaultPoint.ADMISSION_SETTLED, m.id(), member -> redis.rollback(beforeSettle.get()));
            id = UUID.fromString(post(m, body("LOAN_REPAYMENT", AMOUNT, null, Fixtures.face(m))).then()
                    .statusCode(201).extract().path("id"));
            redis.drop(java.util.List.of(account));
            assertThat(available(m), equalTo(AMOUNT));

            // Nobody asks: recovery finds the hold once it is older than hold-grace, and PostgreSQL decides.
            TestClock.shift(Duration.ofMinutes(1));
            recovery.pass().await().atMost(Duration.ofSeconds(10));
            assertThat(redis.hget(holds, id.toString()), nullValue());
        }
        assertThat(available(m), equalTo(2 * AMOUNT));
        assertThat(Fixtures.held(m), equalTo(AMOUNT));
    }
}
