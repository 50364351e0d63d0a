package cn.hpf.mobile.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.common.InstanceIdentity;
import cn.hpf.mobile.common.Tracing;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.withdrawal.WithdrawalStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Shutdown hands this replica's leases back so that another replica pays them at once. A claim that lands while
 * shutting down must not be paid here after its lease went back: two replicas would send the same order.
 */
class PayoutDispatcherShutdownTest {

    /** The claim is answered only when the test says so; leases handed back are recorded. */
    static final class Leases extends PayoutRepository {
        final CompletableFuture<List<ClaimedPayout>> claim = new CompletableFuture<>();
        final List<List<UUID>> handedBackExcept = new CopyOnWriteArrayList<>();
        final AtomicInteger claims = new AtomicInteger();

        Leases() {
            super(null, null, config(), new SimpleMeterRegistry());
        }

        @Override
        Uni<List<ClaimedPayout>> claim(String instanceId, int limit, Duration lease) {
            return claims.getAndIncrement() == 0 ? Uni.createFrom().completionStage(claim)
                    : Uni.createFrom().item(List.of());
        }

        @Override
        Uni<Integer> handBackLeases(String instanceId, UUID[] inFlight) {
            handedBackExcept.add(List.of(inFlight));
            return Uni.createFrom().item(1);
        }
    }

    static final class Bank implements BankGateway {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Uni<BankResult> pay(PayoutOrder order) {
            calls.incrementAndGet();
            return Uni.createFrom().nothing();
        }

        @Override
        public Uni<BankResult> query(UUID withdrawalId) {
            calls.incrementAndGet();
            return Uni.createFrom().nothing();
        }

        @Override
        public Uni<BankStatement> dailyStatement(java.time.LocalDate date) {
            return Uni.createFrom().nothing();
        }
    }

    @Test
    void aClaimLandingDuringShutdownIsHandedBackNotPaid() throws Exception {
        Leases leases = new Leases();
        Bank bank = new Bank();
        PayoutDispatcher dispatcher = new PayoutDispatcher(leases, bank, null, config(),
                new InstanceIdentity(Optional.of("replica-a")), new FaultPoints(false),
                new Tracing(OpenTelemetry.noop().getTracer("test")),
                new cn.hpf.mobile.ops.switches.ClusterSwitches(null, null, null)); // never started: all open
        dispatcher.beginClaiming(); // the claim is now under way, unanswered

        Thread shutdown = new Thread(() -> dispatcher.onStop(null));
        shutdown.start();
        // Either waiting for the claim, or (the defect) already finished without it.
        await().atMost(Duration.ofSeconds(5)).until(() -> shutdown.getState() == Thread.State.TIMED_WAITING
                || shutdown.getState() == Thread.State.TERMINATED);

        UUID id = UUID.randomUUID();
        leases.claim.complete(List.of(new ClaimedPayout(id, WithdrawalStatus.ACCEPTED, 1,
                new PayoutOrder(id, 1, "PURCHASE", 100, new PayoutOrder.Payee("CARD", "bank", "6222", "holder")))));
        shutdown.join(10_000);

        assertThat(bank.calls.get()).as("orders sent").isZero();
        assertThat(leases.handedBackExcept).isNotEmpty();
        assertThat(leases.handedBackExcept).allSatisfy(kept -> assertThat(kept).doesNotContain(id));
    }

    private static PayoutConfig config() {
        return new PayoutConfig() {
            public int maxInFlight() {
                return 8;
            }

            public int batchSize() {
                return 8;
            }

            public Duration lease() {
                return Duration.ofSeconds(30);
            }

            public Duration bankCallTimeout() {
                return Duration.ofSeconds(10);
            }

            public Duration queryBackoffInitial() {
                return Duration.ofMillis(250);
            }

            public Duration queryBackoffMax() {
                return Duration.ofSeconds(30);
            }

            public String pollInterval() {
                return "1s";
            }

            public String recoveryInterval() {
                return "30s";
            }

            public Duration drainOnShutdown() {
                return Duration.ofSeconds(5);
            }

            public Duration sseHeartbeat() {
                return Duration.ofSeconds(15);
            }

            public int settleBatchItems() {
                return 8;
            }
        };
    }
}
