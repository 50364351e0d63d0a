package cn.hpf.mobile.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Payouts the bank confirmed while earlier ones were being posted are posted together, each with its own entry. */
@QuarkusTest
class PaidBatchTest {

    private static final long BALANCE = 1_000_000;
    private static final long AMOUNT = 10_000;

    @Inject
    PayoutDispatcher dispatcher;
    @Inject
    PayoutRepository payouts;
    @Inject
    MeterRegistry metrics;

    @AfterEach
    void resume() {
        dispatcher.resume();
    }

    @Test
    void paymentsConfirmedWhileABatchIsPostedArePostedTogether() throws Exception {
        List<Fixtures.Member> members = new ArrayList<>();
        List<UUID> withdrawals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Fixtures.Member m = Fixtures.member(BALANCE);
            members.add(m);
            withdrawals.add(Fixtures.withdrawal(m).amount(AMOUNT).keepPayoutsPaused().admit());
        }
        assertThat(payouts.paidPending()).isZero();
        DistributionSummary sizes = metrics.get("hpf.payout.paid.batch.items").summary();
        long batchesBefore = sizes.count();
        double itemsBefore = sizes.totalAmount();

        try (Connection lock = Db.connect(); Statement sql = lock.createStatement()) {
            // Every PAID posting inserts a ledger entry: while this lock is held the batches in flight wait and the
            // payments confirmed behind them queue.
            lock.setAutoCommit(false);
            sql.execute("LOCK TABLE ledger_entry IN SHARE MODE");
            dispatcher.resume();
            await().atMost(Duration.ofSeconds(20)).until(() -> payouts.paidPending() == withdrawals.size());
            lock.rollback();
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> withdrawals.stream().allMatch(id -> "PAID".equals(Fixtures.status(id))));

        // Two batches in flight with whatever the bank had confirmed first; everything after them in a third.
        assertThat(sizes.count() - batchesBefore).isEqualTo(3);
        assertThat(sizes.totalAmount() - itemsBefore).isEqualTo(withdrawals.size());
        for (int i = 0; i < members.size(); i++) {
            Fixtures.Member m = members.get(i);
            assertThat(Fixtures.balance(m)).isEqualTo(BALANCE - AMOUNT);
            assertThat(Fixtures.held(m)).isZero();
            assertThat(Db.queryLong("SELECT count(*) FROM ledger_entry WHERE type = 'WITHDRAWAL' AND reference = '"
                    + withdrawals.get(i) + "'")).isEqualTo(1);
        }
    }
}
