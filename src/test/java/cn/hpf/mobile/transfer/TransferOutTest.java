package cn.hpf.mobile.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.adversary.RedisAdversary;
import cn.hpf.mobile.transfer.platform.PlatformCallback;
import cn.hpf.mobile.transfer.platform.TransferPlatform.TransferOutAnswer;
import cn.hpf.mobile.withdrawal.AdmissionKeys;
import cn.hpf.mobile.withdrawal.CategoryCap;
import cn.hpf.mobile.withdrawal.HoldPlacement;
import cn.hpf.mobile.withdrawal.MemberHolds;
import cn.hpf.mobile.withdrawal.HoldRecovery;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Another centre asks for a member's balance: the whole available balance is held under the guards every hold
 * passes, posted once on the platform's confirmation (the account then closes by the closing rule) or given back on
 * its cancellation, whatever the platform repeats and whatever Redis forgets.
 */
@QuarkusTest
@TestProfile(TransferTestProfile.class)
class TransferOutTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TransferService service;
    @Inject
    RecordingTransferPlatform platform;
    @Inject
    TransferRetry retry;
    @Inject
    HoldRecovery recovery;
    @Inject
    FaultPoints points;
    @Inject
    PayoutDispatcher dispatcher;
    @Inject
    MemberHolds holds;

    @Test
    void confirmedPostsTheWholeBalanceOnceAndClosesTheAccount() {
        Member m = Fixtures.member(1_234_500);
        String tid = newTransferId();
        apply(requested(tid, m));
        assertThat(row(tid, "status")).isEqualTo("HELD");
        assertThat(Fixtures.held(m)).isEqualTo(1_234_500);
        assertThat(platform.answersTo(tid)).containsExactly(TransferOutAnswer.agreed(1_234_500));
        assertThat(row(tid, "answered_at")).isNotNull();
        // Nothing is left to withdraw while it is held.
        m.api().get("/v1/me/account").then().statusCode(200)
                .body("availableFen", org.hamcrest.Matchers.equalTo(0));

        apply(confirmed(tid));
        apply(confirmed(tid)); // the platform repeats itself
        assertThat(row(tid, "status")).isEqualTo("POSTED");
        assertThat(Fixtures.balance(m)).isZero();
        assertThat(Fixtures.held(m)).isZero();
        assertThat(accountStatus(m)).isEqualTo("CLOSED");
        assertThat(Db.queryLong("SELECT count(*) FROM ledger_entry WHERE type = 'TRANSFER_OUT' AND reference = '"
                + tid + "'")).isEqualTo(1);
        assertThat(Db.queryLong("SELECT amount_fen FROM ledger_entry WHERE type = 'TRANSFER_OUT' AND reference = '"
                + tid + "'")).isEqualTo(-1_234_500);
        // The hold and the posting are audited once each, with the steps that took them (the repeat changed nothing).
        assertThat(audit(m)).isEqualTo(
                "TRANSFER_OUT_HELD|PLATFORM|1234500|HELD;TRANSFER_OUT_POSTED|PLATFORM|1234500|POSTED");
        JsonPath mine = m.api().get("/v1/me/transfers-out").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getString("items[0].status")).isEqualTo("POSTED");
        assertThat(mine.getLong("items[0].amountFen")).isEqualTo(1_234_500);
        assertThat(mine.getString("items[0].destinationCentreName")).isEqualTo("上海市公积金管理中心");
        m.api().get("/v1/me/transfers-out/" + mine.getString("items[0].id")).then().statusCode(200);
        // The statement shows the posting, and can be filtered by it.
        m.api().get("/v1/me/statements").then().statusCode(200).body("items[0].type",
                org.hamcrest.Matchers.equalTo("TRANSFER_OUT")).body("items[0].amountFen",
                org.hamcrest.Matchers.equalTo(-1_234_500));
        m.api().get("/v1/me/statements?type=TRANSFER_OUT").then().statusCode(200);
        assertBooksBalance();
    }

    @Test
    void aRepeatedRequestHoldsOnceAndGetsTheSameAnswer() throws Exception {
        Member m = Fixtures.member(500_000);
        String tid = newTransferId();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add(service.apply(requested(tid, m)).subscribeAsCompletionStage());
        }
        for (CompletableFuture<Void> one : all) {
            try {
                one.get();
            } catch (Exception busy) {
                // A repeat that met the first one's statement may be told to come back; the platform repeats.
            }
        }
        apply(requested(tid, m));
        assertThat(Db.queryLong("SELECT count(*) FROM transfer_out WHERE platform_transfer_id = '" + tid + "'"))
                .isEqualTo(1);
        assertThat(row(tid, "status")).isEqualTo("HELD");
        assertThat(Fixtures.held(m)).isEqualTo(500_000);
        assertThat(platform.answersTo(tid)).isNotEmpty().allMatch(a -> a.equals(TransferOutAnswer.agreed(500_000)));
    }

    @Test
    void cancelledGivesTheHoldBackAndAConfirmationAfterwardsPostsNothing() {
        Member m = Fixtures.member(300_000);
        String tid = newTransferId();
        apply(requested(tid, m));
        apply(cancelled(tid));
        apply(cancelled(tid));
        assertThat(row(tid, "status")).isEqualTo("VOIDED");
        assertThat(row(tid, "reason_code")).isEqualTo("MEMBER_CANCELLED");
        assertThat(Fixtures.held(m)).isZero();
        assertThat(Fixtures.balance(m)).isEqualTo(300_000);
        assertThat(accountStatus(m)).isEqualTo("NORMAL");
        assertThat(audit(m)).isEqualTo(
                "TRANSFER_OUT_HELD|PLATFORM|300000|HELD;TRANSFER_OUT_VOIDED|PLATFORM|300000|VOIDED");
        // A contradiction of a final state is not "repeat later": 422, which the platform does not repeat.
        assertThatThrownBy(() -> apply(confirmed(tid))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status() + " " + e.code()).isEqualTo("422 TRANSFER_STATE_CONFLICT"));
        assertThat(Db.queryLong("SELECT count(*) FROM ledger_entry WHERE member_id = " + m.id()
                + " AND type = 'TRANSFER_OUT'")).isZero();
        // The money can be withdrawn again.
        m.api().get("/v1/me/account").then().statusCode(200)
                .body("availableFen", org.hamcrest.Matchers.equalTo(300_000));
    }

    @Test
    void aCancellationBeforeTheRequestIsRepeatedUntilThereIsAHoldToVoid() {
        Member m = Fixtures.member(150_000);
        String tid = newTransferId();
        assertThatThrownBy(() -> apply(cancelled(tid))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status() + " " + e.code()).isEqualTo("409 TRANSFER_NOT_READY"));
        apply(requested(tid, m));
        apply(cancelled(tid));
        assertThat(row(tid, "status")).isEqualTo("VOIDED");
        assertThat(Fixtures.held(m)).isZero();
    }

    @Test
    void aVoidedTransferIsNeverAnsweredAsAgreedLater() {
        Member m = Fixtures.member(160_000);
        String tid = newTransferId();
        platform.unreachableFor(1); // our answer does not get through
        apply(requested(tid, m));
        assertThat(row(tid, "answered_at")).isNull();
        apply(cancelled(tid));
        retry.pass(Duration.ZERO).await().atMost(WAIT);
        assertThat(platform.answersTo(tid)).noneMatch(TransferOutAnswer::agreed);
        assertThat(row(tid, "answered_at")).isNotNull();
    }

    @Test
    void aRefusalRedisAloneGivesIsNotTheAnswer() {
        Member m = Fixtures.member(170_000);
        m.api().get("/v1/me/account").then().statusCode(200); // Redis has the member's copy
        // A young hold Redis has and PostgreSQL does not know (an admission still in flight, or one that will be
        // refused): Redis refuses a closing debit beside it, reconciliation keeps it; PostgreSQL decides.
        assertThat(holds.hold(new HoldPlacement.Request(m.id(), UUID.randomUUID(), 1, System.currentTimeMillis(), false,
                false, CategoryCap.NONE, "", null)).await().atMost(WAIT)).isEqualTo(MemberHolds.Placed.OK);
        String tid = newTransferId();
        apply(requested(tid, m));
        assertThat(row(tid, "status")).isEqualTo("HELD");
        assertThat(Fixtures.held(m)).isEqualTo(170_000);
    }

    @Test
    void aRepeatRefusedBesideTheAttemptThatWonLeavesRedisRight() throws Exception {
        Member m = Fixtures.member(180_000);
        m.api().get("/v1/me/account").then().statusCode(200); // Redis has the member's copy
        String tid = newTransferId();
        CompletableFuture<Void> firstGoesOn = new CompletableFuture<>();
        CompletableFuture<Void> secondGoesOn = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger arrivals = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean crashed = new java.util.concurrent.atomic.AtomicBoolean();
        points.arm((at, member) -> {
            if (member != m.id()) {
                return Uni.createFrom().voidItem();
            }
            if (at == FaultPoint.TRANSFER_OUT_HELD) {
                return resumeWhen(arrivals.incrementAndGet() == 1 ? firstGoesOn : secondGoesOn);
            }
            if (at == FaultPoint.TRANSFER_OUT_COMMITTED && crashed.compareAndSet(false, true)) {
                // The first attempt committed and stopped there: its Redis hold is not settled.
                return Uni.createFrom().failure(new IllegalStateException("crash after the commit (test)"));
            }
            return Uni.createFrom().voidItem();
        });
        try {
            CompletableFuture<Void> first = service.apply(requested(tid, m)).subscribeAsCompletionStage();
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> arrivals.get() == 1);
            CompletableFuture<Void> second = service.apply(requested(tid, m)).subscribeAsCompletionStage();
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> arrivals.get() == 2);
            firstGoesOn.complete(null);
            assertThatThrownBy(first::get);
            secondGoesOn.complete(null);
            second.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            points.disarm();
        }
        assertThat(row(tid, "status")).isEqualTo("HELD");
        // Redis knows the money is held: nothing to withdraw, no hold left to judge.
        m.api().get("/v1/me/account").then().statusCode(200).body("availableFen", org.hamcrest.Matchers.equalTo(0));
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            assertThat(redis.keys(AdmissionKeys.member(m.id()).get(1))).isEmpty();
        }
    }

    @Test
    void aDepositPostedWhileHeldStaysInTheAccountWhichThenStaysOpen() {
        Member m = Fixtures.member(200_000);
        String tid = newTransferId();
        apply(requested(tid, m));
        Db.exec("WITH a AS (UPDATE account SET balance_fen = balance_fen + 80000, version = version + 1 "
                + "WHERE member_id = " + m.id() + " RETURNING balance_fen) INSERT INTO ledger_entry (member_id, type, "
                + "amount_fen, balance_after_fen, description) SELECT " + m.id() + ", 'DEPOSIT', 80000, balance_fen, "
                + "'汇缴 test' FROM a");
        apply(confirmed(tid));
        assertThat(Fixtures.balance(m)).isEqualTo(80_000);
        assertThat(accountStatus(m)).isEqualTo("NORMAL");
    }

    @Test
    void theGuardsRefuseAndTheRefusalIsKept() {
        Member frozen = Fixtures.member().balance(100_000).status("FROZEN", java.time.LocalDate.of(2024, 1, 1))
                .create();
        String t1 = newTransferId();
        apply(requested(t1, frozen));
        apply(requested(t1, frozen));
        assertThat(row(t1, "status")).isEqualTo("REFUSED");
        assertThat(row(t1, "reason_code")).isEqualTo("ACCOUNT_NOT_ACTIVE");
        assertThat(platform.answersTo(t1)).hasSize(2).allMatch(a -> !a.agreed()
                && a.reasonCode().equals("ACCOUNT_NOT_ACTIVE"));
        assertThat(Fixtures.held(frozen)).isZero();

        Member withLoan = Fixtures.member().balance(100_000).loan(5_000_000).create();
        String t2 = newTransferId();
        apply(requested(t2, withLoan));
        assertThat(row(t2, "reason_code")).isEqualTo("LOAN_OUTSTANDING");

        Member paying = Fixtures.member(100_000);
        Fixtures.withdrawal(paying).amount(10_000).keepPayoutsPaused().admit();
        String t3 = newTransferId();
        try {
            apply(requested(t3, paying));
            assertThat(row(t3, "reason_code")).isEqualTo("OTHER_WITHDRAWAL_IN_FLIGHT");
            assertThat(Fixtures.held(paying)).isEqualTo(10_000);
        } finally {
            dispatcher.resume();
        }

        String t4 = newTransferId();
        apply(new PlatformCallback("TRANSFER_OUT_REQUESTED", t4, null, null, null, null, "000000000000000000",
                "nobody", "310000", "SH1", Instant.now()));
        assertThat(platform.answersTo(t4)).singleElement().matches(a -> a.reasonCode().equals("MEMBER_NOT_FOUND"));
    }

    @Test
    void aCrashBetweenTheRedisHoldAndPostgresLeavesOneHoldAfterThePlatformRepeats() {
        Member m = Fixtures.member(700_000);
        String tid = newTransferId();
        crashingAt(FaultPoint.TRANSFER_OUT_HELD, m, () -> assertThatThrownBy(() -> apply(requested(tid, m))));
        assertThat(Db.queryLong("SELECT count(*) FROM transfer_out WHERE platform_transfer_id = '" + tid + "'"))
                .isZero();
        apply(requested(tid, m)); // the platform had no 2xx: it repeats
        assertThat(row(tid, "status")).isEqualTo("HELD");
        assertThat(Fixtures.held(m)).isEqualTo(700_000);
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            assertThat(redis.keys(AdmissionKeys.member(m.id()).get(1))).isEmpty();
        }
        apply(confirmed(tid));
        assertThat(Fixtures.balance(m)).isZero();
        assertBooksBalance();
    }

    @Test
    void aCrashAfterTheCommitIsAnsweredFromTheRowWhenThePlatformRepeats() {
        Member m = Fixtures.member(400_000);
        String tid = newTransferId();
        crashingAt(FaultPoint.TRANSFER_OUT_COMMITTED, m, () -> assertThatThrownBy(() -> apply(requested(tid, m))));
        assertThat(row(tid, "status")).isEqualTo("HELD");
        assertThat(row(tid, "answered_at")).isNull();
        // Either the platform repeats, or the retry job answers: both send the kept answer.
        retry.pass(Duration.ZERO).await().atMost(WAIT);
        assertThat(platform.answersTo(tid)).containsExactly(TransferOutAnswer.agreed(400_000));
        apply(requested(tid, m));
        assertThat(Fixtures.held(m)).isEqualTo(400_000);
        // Redis converges: no hold left behind, the copy shows nothing available.
        recovery.pass().await().atMost(WAIT);
        m.api().get("/v1/me/account").then().statusCode(200).body("availableFen", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void redisForgettingEverythingChangesNoMoneyRule() {
        Member m = Fixtures.member(600_000);
        String tid = newTransferId();
        apply(requested(tid, m));
        try (RedisAdversary redis = RedisAdversary.ofApplication()) {
            redis.flush();
        }
        // PostgreSQL still refuses a withdrawal of the held money, whatever Redis lost.
        assertThat(Fixtures.held(m)).isEqualTo(600_000);
        apply(confirmed(tid));
        apply(confirmed(tid));
        assertThat(Db.queryLong("SELECT count(*) FROM ledger_entry WHERE type = 'TRANSFER_OUT' AND reference = '"
                + tid + "'")).isEqualTo(1);
        assertThat(Fixtures.balance(m)).isZero();
        assertBooksBalance();
    }

    @Test
    void anotherMembersTransferIsNotFound() {
        Member m = Fixtures.member(100_000);
        String tid = newTransferId();
        apply(requested(tid, m));
        String id = m.api().get("/v1/me/transfers-out").then().extract().path("items[0].id");
        Fixtures.member(1).api().get("/v1/me/transfers-out/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("TRANSFER_NOT_FOUND"));
        m.api().get("/v1/me/transfers-out/not-an-id").then().statusCode(404);
    }

    /** A fault step that lets the path go on once {@code go} completes, back on the path's own Vert.x context. */
    private static Uni<Void> resumeWhen(CompletableFuture<Void> go) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> go.whenComplete((v, e) -> {
            if (context != null) {
                context.runOnContext(x -> emitter.complete(null));
            } else {
                emitter.complete(null);
            }
        }));
    }

    /** The path stops at this point for this member (the process died there), while {@code during} runs. */
    private void crashingAt(FaultPoint point, Member m, Runnable during) {
        points.arm((at, member) -> at == point && member == m.id()
                ? Uni.createFrom().failure(new IllegalStateException("crash at " + point + " (test)"))
                : Uni.createFrom().voidItem());
        try {
            during.run();
        } finally {
            points.disarm();
        }
    }

    private void apply(PlatformCallback cb) {
        service.apply(cb).await().atMost(WAIT);
    }

    static String newTransferId() {
        return "NTP" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    static PlatformCallback requested(String tid, Member m) {
        return new PlatformCallback("TRANSFER_OUT_REQUESTED", tid, null, null, null, null, m.idNumber(), m.memberNo(),
                "310000", "SH0012345678", Instant.now());
    }

    static PlatformCallback confirmed(String tid) {
        return new PlatformCallback("TRANSFER_OUT_CONFIRMED", tid, null, null, null, null, null, null, null, null,
                Instant.now());
    }

    static PlatformCallback cancelled(String tid) {
        return new PlatformCallback("TRANSFER_OUT_CANCELLED", tid, null, null, "MEMBER_CANCELLED",
                "The member withdrew her application.", null, null, null, null, Instant.now());
    }

    /** The member's audit rows: action, channel, amount, result. */
    static String audit(Member m) {
        return Db.queryString("SELECT string_agg(action || '|' || channel || '|' || amount_fen || '|' || result, ';' "
                + "ORDER BY id) FROM audit_log WHERE member_id = " + m.id());
    }

    private static String row(String tid, String column) {
        return Db.queryString("SELECT " + column + "::text FROM transfer_out WHERE platform_transfer_id = '" + tid + "'");
    }

    private static String accountStatus(Member m) {
        return Db.queryString("SELECT status FROM account WHERE member_id = " + m.id());
    }

    static void assertBooksBalance() {
        JsonPath report = Api.asOperator().get("/v1/ops/reconciliation").then().statusCode(200).extract().jsonPath();
        List<String> kinds = report.getList("mismatches.kind");
        assertThat(kinds).doesNotContain("BOOKS", "TRANSFER_IN_VS_LEDGER", "TRANSFER_OUT_VS_LEDGER",
                "ACCOUNT_BALANCE_VS_LEDGER", "ACCOUNT_HELD_VS_OPEN_WITHDRAWALS");
    }
}
