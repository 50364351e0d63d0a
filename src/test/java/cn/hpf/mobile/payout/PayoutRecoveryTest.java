package cn.hpf.mobile.payout;

import static cn.hpf.mobile.payout.PayoutDispatcherTest.balance;
import static cn.hpf.mobile.payout.PayoutDispatcherTest.count;
import static cn.hpf.mobile.payout.PayoutDispatcherTest.held;
import static cn.hpf.mobile.payout.PayoutDispatcherTest.status;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PayoutRecoveryTest {

    @Inject
    PayoutRecovery recovery;
    @Inject
    PayoutDispatcher dispatcher;

    @Test
    void aCrashMidwayIsRecoveredEveryWithdrawalEndsPaidOrFailedAndTheBooksAreClean() {
        Member m = Fixtures.member().withHistory().create();
        long balance = balance(m);
        dispatcher.pause(); // while the crash scene is set up

        // A replica died after leasing; its leases expired.
        UUID leasedNotPaying = Fixtures.withdrawal(m).amount(1_000).leasedBy("crashed-pod-1a2b", -60).admit();
        UUID paidByBankBeforeCrash = Fixtures.withdrawal(m).amount(2_000).paying().leasedBy("crashed-pod-1a2b", -60)
                .admit();
        bankAlreadyHas(paidByBankBeforeCrash, 2_000, "PAID", null);
        UUID rejectedByBankBeforeCrash = Fixtures.withdrawal(m).amount(4_000).paying()
                .leasedBy("crashed-pod-1a2b", -60).admit();
        bankAlreadyHas(rejectedByBankBeforeCrash, 4_000, "REJECTED", "NAME_MISMATCH");
        // Another replica died after ACCEPTED → PAYING, before the bank heard of it; its lease expired.
        UUID neverReachedBank = Fixtures.withdrawal(m).amount(8_000).paying().leasedBy("crashed-pod", -60).admit();
        // Written PAYING on the row by a version before V10, paid by the bank, then the pod died.
        UUID payingOnTheRow = Fixtures.withdrawal(m).amount(32_000).payingOnTheRow().leasedBy("crashed-pod", -60)
                .admit();
        bankAlreadyHas(payingOnTheRow, 32_000, "PAID", null);
        // An open withdrawal whose outbox row is gone.
        UUID lostOutboxRow = Fixtures.withdrawal(m).amount(16_000).withoutOutbox().admit();
        List<UUID> all = List.of(leasedNotPaying, paidByBankBeforeCrash, rejectedByBankBeforeCrash, neverReachedBank,
                payingOnTheRow, lostOutboxRow);

        dispatcher.resume();
        recovery.recover().await().atMost(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(15)).until(() -> all.stream().allMatch(id -> Set.of("PAID", "FAILED")
                .contains(status(id))));
        assertThat(status(leasedNotPaying), equalTo("PAID"));
        assertThat(status(paidByBankBeforeCrash), equalTo("PAID"));
        assertThat(status(rejectedByBankBeforeCrash), equalTo("FAILED"));
        assertThat(status(neverReachedBank), equalTo("PAID"));
        assertThat(status(payingOnTheRow), equalTo("PAID"));
        assertThat(status(lostOutboxRow), equalTo("PAID"));
        for (UUID id : all) {
            // Asked first, never re-sent: each order reached the bank exactly once.
            assertThat(id + " pay calls", payCalls(id), equalTo(1L));
        }
        assertThat(balance(m), equalTo(balance - 1_000 - 2_000 - 8_000 - 32_000 - 16_000L));
        assertThat(held(m), equalTo(0L));
        assertThat(count("SELECT count(*) FROM payout_outbox o JOIN withdrawal w ON w.id = o.withdrawal_id "
                + "WHERE w.member_id = " + m.id()), equalTo(0L));

        JsonPath report = Api.asOperator().get("/v1/ops/reconciliation").then().statusCode(200).extract().jsonPath();
        assertThat(report.prettify(), report.getBoolean("clean"), equalTo(true));
        assertThat(report.getLong("totals.withdrawalsPaidFen"), equalTo(report.getLong("totals.withdrawalsFen")));
        assertThat(report.getLong("totals.bankPaidFen"), equalTo(report.getLong("totals.withdrawalsPaidByBankFen")));
    }

    @Inject
    PayoutRepository payouts;

    @Test
    void thePeriodicPassNeverFreesALiveLeaseEvenOneNotYetInFlight() {
        Member m = Fixtures.member().withHistory().create();
        String me = dispatcher.instanceId();
        dispatcher.pause(); // while the crash scene is set up
        // Claimed a moment ago by this replica, not yet in its in-flight set: the periodic pass must keep the lease,
        // or another replica could claim the row and call the bank a second time.
        UUID justClaimed = Fixtures.withdrawal(m).amount(1_000).paying().leasedBy(me, 3600).admit();
        UUID expired = Fixtures.withdrawal(m).amount(2_000).paying().leasedBy("crashed-pod", -60).admit();
        dispatcher.resume();

        recovery.recover().await().atMost(Duration.ofSeconds(10));

        assertThat(Db.queryString("SELECT locked_by FROM payout_outbox WHERE withdrawal_id = '" + justClaimed + "'"),
                equalTo(me));
        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(status(expired)));
        assertThat(status(justClaimed), equalTo("PAYING"));

        // Once the lease has expired (its holder died), the next pass frees it and the bank is asked first.
        Db.exec("UPDATE payout_outbox SET locked_until = now() - interval '1 second' WHERE withdrawal_id = '"
                + justClaimed + "'");
        recovery.recover().await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(status(justClaimed)));
        assertThat(payCalls(justClaimed), equalTo(1L));
        assertThat(held(m), equalTo(0L));
    }

    @Test
    void aReplicaThatSharesOurHostNameNeverHasItsLiveLeasesTakenForOurOwn() {
        Member m = Fixtures.member().withHistory().create();
        String me = dispatcher.instanceId();
        String hostName = me.substring(0, me.lastIndexOf('-'));
        assertThat("every process draws a suffix of its own", me, org.hamcrest.Matchers.matchesPattern(
                java.util.regex.Pattern.quote(hostName) + "-[0-9a-f]{8}"));
        dispatcher.pause();
        // Another replica on a host of the same name (a recycled pod name, two processes on one machine) leased it
        // a moment ago and is calling the bank.
        UUID theirs = Fixtures.withdrawal(m).amount(1_000).paying().leasedBy(hostName, 3600).admit();
        dispatcher.resume();

        recovery.recover().await().atMost(Duration.ofSeconds(10));

        assertThat(Db.queryString("SELECT locked_by FROM payout_outbox WHERE withdrawal_id = '" + theirs + "'"),
                equalTo(hostName));
        assertThat(status(theirs), equalTo("PAYING"));
        assertThat(payCalls(theirs), equalTo(0L));

        // That replica dies; once its lease has expired the payout is taken over, the bank asked first.
        Db.exec("UPDATE payout_outbox SET locked_until = now() - interval '1 second' WHERE withdrawal_id = '"
                + theirs + "'");
        recovery.recover().await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(status(theirs)));
        assertThat(payCalls(theirs), equalTo(1L));
    }

    @Test
    void replicasClaimingAtTheSameTimeNeverShareARowAndExpiredLeasesAreTakenOver() {
        Member m = Fixtures.member().withHistory().create();
        dispatcher.pause(); // while the crash scene is set up
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(Fixtures.withdrawal(m).amount(100 + i).leasedBy("someone", 3600).admit());
        }
        Db.exec("UPDATE payout_outbox SET locked_until = now() - interval '1 second' WHERE locked_by = 'someone'");
        dispatcher.resume();

        // Two replicas (and this one's own dispatcher) race for the same rows; short leases, then they "die".
        var a = payouts.claim("replica-a", 100, Duration.ofSeconds(1)).subscribeAsCompletionStage();
        var b = payouts.claim("replica-b", 100, Duration.ofSeconds(1)).subscribeAsCompletionStage();
        Set<UUID> claimedByA = a.join().stream().map(ClaimedPayout::withdrawalId).collect(java.util.stream.Collectors.toSet());
        Set<UUID> claimedByB = b.join().stream().map(ClaimedPayout::withdrawalId).collect(java.util.stream.Collectors.toSet());
        Set<UUID> both = new java.util.HashSet<>(claimedByA);
        both.retainAll(claimedByB);
        assertThat(both, equalTo(Set.of()));

        // Their leases expire; this replica takes over, asks the bank (which never heard of them) and pays once.
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> "PAID".equals(status(id))));
        for (UUID id : ids) {
            assertThat(id + " pay calls", payCalls(id), equalTo(1L));
        }
        assertThat(held(m), equalTo(0L));
    }

    private static long payCalls(UUID id) {
        return count("SELECT coalesce(sum(pay_calls), 0) FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'");
    }

    private static void bankAlreadyHas(UUID id, long amountFen, String outcome, String reason) {
        Db.exec("INSERT INTO sandbox_bank_payment (withdrawal_id, amount_fen, payee, outcome, reason_code, "
                + "bank_reference, settles_at) VALUES ('" + id + "', " + amountFen + ", 'CARD test', '" + outcome + "', "
                + (reason == null ? "NULL" : "'" + reason + "'") + ", 'SBX-" + id + "', now())");
    }
}
