package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.common.redis.RedisKeys;
import cn.hpf.mobile.common.redis.RedisScan;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Whether admission's Redis state has converged to PostgreSQL, for reconciliation: no member hold older than
 * hold-grace (recovery decides those), and each of today's budget counters equal to PostgreSQL's reserved amount
 * plus the reservations still in flight.
 */
@ApplicationScoped
public class AdmissionRedisCheck {

    /** One thing Redis says that PostgreSQL does not. */
    public record Divergence(String kind, Long memberId, UUID withdrawalId, long expected, long actual, String detail) {
    }

    private final MemberHolds holds;
    private final DailyBudget budget;
    private final BudgetRepository rows;
    private final RedisScan scan;
    private final AdmissionConfig config;
    private final Clock clock;

    public AdmissionRedisCheck(MemberHolds holds, DailyBudget budget, BudgetRepository rows, RedisScan scan,
                               AdmissionConfig config, Clock clock) {
        this.holds = holds;
        this.budget = budget;
        this.rows = rows;
        this.scan = scan;
        this.config = config;
        this.clock = clock;
    }

    public Uni<List<Divergence>> run() {
        if (config.mode() != AdmissionMode.REDIS) {
            return Uni.createFrom().item(List.of());
        }
        List<Divergence> found = new ArrayList<>();
        return staleHolds(found).chain(() -> budgetCounters(found)).replaceWith(found);
    }

    private Uni<Void> staleHolds(List<Divergence> found) {
        long deadBefore = clock.millis() - config.holdGrace().toMillis();
        return scan.keys(AdmissionKeys.ALL_HOLDS).onItem().transformToUniAndConcatenate(key -> {
            long member = RedisKeys.memberOf(key);
            return member < 0 ? Uni.createFrom().voidItem() : holds.holds(member).invoke(list -> list.stream()
                    .filter(h -> h.atMillis() < deadBefore)
                    .forEach(h -> found.add(new Divergence("REDIS_STALE_HOLD", member, h.withdrawalId(), 0,
                            h.amountFen(), "a Redis hold older than hold-grace (" + config.holdGrace()
                            + ") that recovery has not decided")))).replaceWithVoid();
        }).collect().last().replaceWithVoid();
    }

    private Uni<Void> budgetCounters(List<Divergence> found) {
        LocalDate today = LocalDate.now(clock.withZone(Zones.SHANGHAI));
        return budget.terms(today).onItem().transformToMulti(terms -> Multi.createFrom().range(0, terms.shards()))
                .onItem().transformToUniAndConcatenate(shard -> budget.counter(today, shard).chain(used ->
                        budget.inFlight(today, shard).chain(pending -> rows.shard(today, shard, pending.stream()
                                        .map(DailyBudget.Reservation::withdrawalId)
                                        .filter(java.util.Objects::nonNull).toList())
                                .invoke(pg -> {
                                    long inFlight = pending.stream()
                                            .filter(r -> r.withdrawalId() == null
                                                    || !pg.committed().contains(r.withdrawalId()))
                                            .mapToLong(DailyBudget.Reservation::amountFen).sum();
                                    long expected = pg.reservedFen() + inFlight;
                                    if (used != null && used != expected) {
                                        found.add(new Divergence("REDIS_BUDGET_DRIFT", null, null, expected, used,
                                                "budget " + today + " shard " + shard + ": Redis counter vs "
                                                        + "PostgreSQL's reserved " + pg.reservedFen()
                                                        + " + in flight " + inFlight));
                                    }
                                }))))
                .collect().last().replaceWithVoid();
    }
}
