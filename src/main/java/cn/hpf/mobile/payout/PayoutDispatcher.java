package cn.hpf.mobile.payout;

import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.withdrawal.WithdrawalAccepted;
import cn.hpf.mobile.withdrawal.WithdrawalStatus;
import cn.hpf.mobile.common.InstanceIdentity;
import cn.hpf.mobile.common.Tracing;
import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.ops.switches.ClusterSwitch;
import cn.hpf.mobile.ops.switches.ClusterSwitches;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Drains {@code payout_outbox}. Rows are leased with {@code FOR UPDATE SKIP LOCKED}, so any number of replicas
 * can drain together without paying anything twice. A row's first lease makes it PAYING (attempt 1) before the
 * bank is called; a row whose outcome is unknown is asked about (query) with exponential backoff, never re-sent
 * blindly.
 * Woken by {@link WithdrawalAccepted} at once, and by a poll so that nothing depends on the event.
 */
@ApplicationScoped
public class PayoutDispatcher {

    private static final Logger LOG = Logger.getLogger(PayoutDispatcher.class);

    private final PayoutRepository payouts;
    private final BankGateway bank;
    private final PayoutSettlement settlement;
    private final PayoutConfig config;
    private final FaultPoints faults;
    private final Tracing tracing;
    private final String instanceId;

    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    /** False until the start-up recovery pass ran (see {@link PayoutRecovery}), and again from shutdown on. */
    private final AtomicBoolean started = new AtomicBoolean();

    private final ClusterSwitches switches;

    public PayoutDispatcher(PayoutRepository payouts, BankGateway bank, PayoutSettlement settlement,
                            PayoutConfig config, InstanceIdentity instance, FaultPoints faults, Tracing tracing,
                            ClusterSwitches switches) {
        this.switches = switches;
        this.payouts = payouts;
        this.tracing = tracing;
        this.bank = bank;
        this.settlement = settlement;
        this.config = config;
        this.faults = faults;
        this.instanceId = instance.id();
    }

    public String instanceId() {
        return instanceId;
    }

    /** Withdrawals this replica is paying right now (their leases must survive a recovery pass). */
    UUID[] inFlight() {
        return inFlight.toArray(UUID[]::new);
    }

    /**
     * Stops claiming new rows on this replica only (rows already claimed finish); operators pause the whole
     * cluster through {@link ClusterSwitches} instead. Outbox rows simply wait, so nothing is
     * lost: this is how a bank maintenance window, or a test that inspects admitted-but-unpaid state, holds payouts.
     */
    public void pause() {
        paused.set(true);
    }

    public boolean paused() {
        return paused.get();
    }

    public void resume() {
        paused.set(false);
        wake();
    }

    /** Called once the start-up recovery has run: from now on this replica claims rows. */
    void beginClaiming() {
        started.set(true);
        wake();
    }

    /**
     * Shutdown (SIGTERM, a rolling restart): claim nothing more, let the payouts in flight finish for a while, then
     * hand the other leases back so that another replica takes them over at once. A claim still under way is
     * waited for first: the rows it leases are either started (in flight, kept) or refused (handed back), never
     * handed back while about to be paid here. Blocks the shutdown thread only.
     */
    void onStop(@Observes ShutdownEvent event) {
        started.set(false);
        long until = System.nanoTime() + config.drainOnShutdown().toNanos();
        while ((claiming.get() || !inFlight.isEmpty()) && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            // The shutdown thread, not an event loop: waiting here only delays this replica's exit.
            int handed = payouts.handBackLeases(instanceId, inFlight()).subscribeAsCompletionStage()
                    .get(5, TimeUnit.SECONDS);
            if (handed > 0) {
                LOG.infof("Shutdown: %d payout lease(s) handed back, %d still in flight", handed, inFlight.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warnf("Shutdown: payout leases not handed back (%s); they expire instead", e.toString());
        }
    }

    void onAccepted(@ObservesAsync WithdrawalAccepted accepted) {
        wake();
    }

    @Scheduled(every = "${hpf.payout.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /**
     * Claims as many due rows as there are free in-flight slots. Only one claim runs at a time on this replica;
     * a wake during a claim makes it claim again right after.
     */
    public void wake() {
        // The cluster switch as last polled saves the claim's query while paused; the claim reads the row itself.
        if (paused.get() || !started.get() || switches.paused(ClusterSwitch.PAYOUTS)) {
            return;
        }
        if (!claiming.compareAndSet(false, true)) {
            wakeAgain.set(true);
            return;
        }
        wakeAgain.set(false);
        int limit = Math.min(config.batchSize(), config.maxInFlight() - inFlight.size());
        if (limit <= 0) {
            claiming.set(false); // a finishing payout wakes us
            return;
        }
        payouts.claim(instanceId, limit, config.lease()).subscribe().with(claimed -> {
            claimed.forEach(this::start);
            claiming.set(false);
            if (wakeAgain.getAndSet(false) || claimed.size() == limit) {
                wake();
            }
        }, e -> {
            claiming.set(false);
            LOG.warnf("Could not claim payouts: %s", e.toString());
        });
    }

    private void start(ClaimedPayout c) {
        if (!started.get()) {
            // Leased while shutting down: another replica pays it, at once if the lease goes back now.
            payouts.handBackLeases(instanceId, inFlight()).subscribe().with(n -> { }, e -> { });
            return;
        }
        inFlight.add(c.withdrawalId());
        tracing.span("payout", c.withdrawalId(), () -> process(c)).onTermination().invoke(() -> inFlight.remove(c.withdrawalId()))
                .subscribe().with(ignored -> wake(), e -> {
                    LOG.errorf(e, "Payout %s failed unexpectedly; its lease will expire and it resumes", c.withdrawalId());
                    wake();
                });
    }

    Uni<Void> process(ClaimedPayout c) {
        if (!c.open()) {
            return payouts.dropIfFinished(c.withdrawalId());
        }
        return bounded(askBank(c))
                .call(() -> faults.reach(FaultPoint.PAYOUT_ANSWERED, c.order().memberId()))
                .chain(result -> settle(c, result));
    }

    /** Applies the bank's answer through the one settlement path; an answer that finishes nothing is asked again. */
    private Uni<Void> settle(ClaimedPayout c, BankResult result) {
        return settlement.apply(c.withdrawalId(), result)
                .onFailure().invoke(e -> LOG.warnf("Could not record the bank's answer for %s: %s",
                        c.withdrawalId(), e.toString()))
                .onFailure().recoverWithItem(false)
                .chain(finished -> finished ? Uni.createFrom().voidItem() : retryLater(c, describe(result)));
    }

    /** A bank call that does not answer in time, or fails, is an unknown outcome. */
    private Uni<BankResult> bounded(Uni<BankResult> call) {
        return call.ifNoItem().after(config.bankCallTimeout())
                .recoverWithItem(() -> new BankResult.Pending("CLIENT_TIMEOUT"))
                .onFailure().recoverWithItem(e -> new BankResult.Pending("ERROR " + e.getClass().getSimpleName()));
    }

    /**
     * An operator's "ask the bank again" about a payout whose outcome is unknown: leases its row now (whatever its
     * backoff says), asks the bank, and applies the answer exactly as a dispatcher's retry does — PAID posts the
     * hold, REJECTED voids it, still pending is asked again later, and an order the bank never received is sent
     * (same id, so never paid twice) unless payouts are paused cluster-wide. Fails with 404 WITHDRAWAL_NOT_FOUND,
     * or 409 PAYOUT_ALREADY_FINISHED, PAYOUT_NOT_SENT or PAYOUT_BEING_ASKED when there is nothing to ask now.
     */
    public Uni<AskedBank> askNow(UUID withdrawalId) {
        return payouts.leaseOne(withdrawalId, instanceId, config.lease()).chain(c -> {
            if (c == null) {
                return payouts.leaseState(withdrawalId).map(state -> {
                    throw whyNotAskable(withdrawalId, state);
                });
            }
            inFlight.add(withdrawalId);
            return bounded(bank.query(withdrawalId)).chain(answer -> {
                if (!(answer instanceof BankResult.NotFound)) {
                    return Uni.createFrom().item(new AskedBank(answer, null));
                }
                if (switches.paused(ClusterSwitch.PAYOUTS)) {
                    return Uni.createFrom().item(new AskedBank(answer, null));
                }
                return bounded(bank.pay(c.order())).map(sent -> new AskedBank(answer, sent));
            }).call(asked -> settle(c, asked.outcome()))
                    .onTermination().invoke(() -> {
                        inFlight.remove(withdrawalId);
                        wake();
                    });
        });
    }

    private static RuntimeException whyNotAskable(UUID withdrawalId, PayoutRepository.LeaseState state) {
        if (state == null) {
            return WithdrawalEventsResource.notFound(withdrawalId);
        }
        if (!WithdrawalStatus.OPEN.contains(WithdrawalStatus.valueOf(state.status()))) {
            return Refusal.PAYOUT_ALREADY_FINISHED.error("Withdrawal " + withdrawalId + " is " + state.status()
                    + "; there is nothing to ask the bank.");
        }
        if (state.attempts() == null || state.attempts() == 0) {
            return Refusal.PAYOUT_NOT_SENT.error("Withdrawal " + withdrawalId + " has not been sent to the bank yet; "
                    + "the dispatcher sends it first.");
        }
        return Refusal.PAYOUT_BEING_ASKED.error("The bank is being asked about withdrawal " + withdrawalId
                + " right now; look again in a few seconds.");
    }

    /**
     * What an operator's question found: the bank's answer to the query and, when it never received the order and
     * it was sent now, the answer to that ({@code sent}, null otherwise).
     */
    public record AskedBank(BankResult answer, BankResult sent) {

        /** The answer that decides the payout. */
        public BankResult outcome() {
            return sent != null ? sent : answer;
        }
    }

    /** First attempt: pay. Later attempts: ask first, and send only if the bank never received the order. */
    private Uni<BankResult> askBank(ClaimedPayout c) {
        if (c.firstAttempt()) {
            return bank.pay(c.order());
        }
        return bank.query(c.withdrawalId())
                .chain(r -> r instanceof BankResult.NotFound ? bank.pay(c.order()) : Uni.createFrom().item(r));
    }

    private Uni<Void> retryLater(ClaimedPayout c, String why) {
        Duration delay = backoff(c.attempts());
        return payouts.reschedule(c.withdrawalId(), delay, why, instanceId)
                .invoke(() -> Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                        .subscribe().with(x -> wake()));
    }

    Duration backoff(int attempts) {
        long initial = config.queryBackoffInitial().toMillis();
        long max = config.queryBackoffMax().toMillis();
        int shift = Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(max, initial << shift));
    }

    private static String describe(BankResult result) {
        return result instanceof BankResult.Pending p ? p.reason() : result.getClass().getSimpleName();
    }
}
