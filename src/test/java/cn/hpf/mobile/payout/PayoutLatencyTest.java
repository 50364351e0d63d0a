package cn.hpf.mobile.payout;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.withdrawal.WithdrawalAccepted;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** "Arrives in seconds": with the sandbox bank answering in 100 ms, the median accepted → paid is under 1 s. */
@QuarkusTest
@TestProfile(PayoutLatencyTest.BankAt100ms.class)
class PayoutLatencyTest {

    private static final Logger LOG = Logger.getLogger(PayoutLatencyTest.class);

    public static class BankAt100ms implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.bank.sandbox.latency-min", "PT0.1S", "hpf.bank.sandbox.latency-max", "PT0.1S");
        }
    }

    @Inject
    Event<WithdrawalAccepted> accepted;

    @Test
    void medianAcceptedToPaidIsUnderOneSecond() {
        Member m = Fixtures.member().withHistory().create();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID id = Fixtures.withdrawal(m).amount(100 + i).admit();
            ids.add(id);
            accepted.fireAsync(new WithdrawalAccepted(id));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.queryLong("SELECT count(*) FROM withdrawal WHERE member_id = "
                + m.id() + " AND status = 'PAID'") == ids.size());
        long medianMillis = Db.queryLong("SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY "
                + "extract(epoch FROM paid_at - created_at) * 1000))::bigint FROM withdrawal WHERE member_id = " + m.id());
        long p95Millis = Db.queryLong("SELECT (percentile_cont(0.95) WITHIN GROUP (ORDER BY "
                + "extract(epoch FROM paid_at - created_at) * 1000))::bigint FROM withdrawal WHERE member_id = " + m.id());
        LOG.infof("Payout latency with a 100 ms bank: median %d ms, p95 %d ms over %d withdrawals",
                medianMillis, p95Millis, ids.size());
        assertThat(medianMillis, lessThan(1000L));
    }
}
