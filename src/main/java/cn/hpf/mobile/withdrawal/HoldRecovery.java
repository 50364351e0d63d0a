package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.common.redis.ClusterLocks;
import cn.hpf.mobile.common.redis.RedisKeys;
import cn.hpf.mobile.common.redis.RedisScan;
import cn.hpf.mobile.common.db.DbConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Makes Redis converge to PostgreSQL (redis mode), every {@code hpf.admission.recovery-every}, whatever Redis lost,
 * kept or rolled back:
 * <ul>
 *   <li>each budget shard of yesterday (if its terms were fixed: otherwise nothing was reserved) and today is
 *   repaired: reservations whose admission committed are confirmed,
 *   those too old to ever commit are given back, and the counter is set to PostgreSQL's reserved amount plus the
 *   reservations still in flight, so a counter that drifted either way is corrected, not only a missing one;</li>
 *   <li>every member with Redis holds (a holds hash exists only while there are some) that has one older than
 *   hold-grace is reconciled ({@link MemberReconciler}), whether or not any index still points at it;</li>
 *   <li>the budget keys of the day before yesterday are deleted (they carry no expiry).</li>
 * </ul>
 * Account copies converge by their own expiry ({@code hpf.redis.account-ttl}). Safe on many instances: every step
 * is idempotent, and a lock keeps replicas from doing the same pass at the same time.
 */
@ApplicationScoped
public class HoldRecovery {

    private static final Logger LOG = Logger.getLogger(HoldRecovery.class);
    private static final Duration LOCK = Duration.ofSeconds(30);

    private final DailyBudget budget;
    private final MemberHolds holds;
    private final MemberReconciler reconciler;
    private final RedisScan scan;
    private final ClusterLocks locks;
    private final AdmissionConfig config;
    private final Clock clock;

    public HoldRecovery(DailyBudget budget, MemberHolds holds, MemberReconciler reconciler, RedisScan scan,
                        ClusterLocks locks, AdmissionConfig config, Clock clock) {
        this.budget = budget;
        this.holds = holds;
        this.reconciler = reconciler;
        this.scan = scan;
        this.locks = locks;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The outcome of an admission statement must be decided before recovery may judge its reservation dead; the
     * reservation may be up to {@link DailyBudget#RESTAMP_AFTER} old when the statement is sent.
     */
    void onStart(@Observes StartupEvent event, DbConfig db) {
        Duration decided = MemberReconciler.outcomeDecidedWithin(db, config).plus(DailyBudget.RESTAMP_AFTER)
                .plus(Duration.ofSeconds(2));
        if (config.holdGrace().compareTo(decided) < 0) {
            throw new IllegalStateException("hpf.admission.hold-grace (" + config.holdGrace() + ") must be at least "
                    + "hpf.db.connection-timeout + hpf.admission.write-timeout + hpf.db.statement-timeout + 5 s ("
                    + decided + ")");
        }
    }

    @Scheduled(every = "${hpf.admission.recovery-every:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodically() {
        if (config.mode() != AdmissionMode.REDIS) {
            return Uni.createFrom().voidItem();
        }
        return locks.whenFree("admission-recovery", LOCK, this::pass, 0)
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Admission recovery reconciled %d member(s) with PostgreSQL", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Admission recovery skipped: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass over the budget shards and the members with holds; answers how many members were reconciled. */
    public Uni<Integer> pass() {
        LocalDate today = LocalDate.now(clock.withZone(Zones.SHANGHAI));
        Set<Long> members = new HashSet<>();
        return budget.termsIfFixed(today.minusDays(1))
                .chain(terms -> terms == null ? Uni.createFrom().voidItem() : repairShards(terms, members))
                .chain(() -> budget.terms(today)).chain(terms -> repairShards(terms, members))
                .chain(() -> budget.forget(today.minusDays(2)).onFailure().recoverWithNull())
                .chain(() -> membersWithOldHolds(members))
                .chain(() -> Multi.createFrom().iterable(members)
                        .onItem().transformToUniAndConcatenate(member -> reconciler.reconcile(member)
                                .onFailure().invoke(e -> LOG.warnf("Member %d not reconciled now: %s", member, e))
                                .onFailure().recoverWithNull())
                        .collect().asList())
                .map(done -> members.size());
    }

    private Uni<Void> repairShards(BudgetTerms terms, Set<Long> members) {
        LocalDate day = terms.day();
        return Multi.createFrom().range(0, terms.shards())
                .onItem().transformToUniAndConcatenate(shard -> budget.repair(day, shard, false)
                        .invoke(repair -> repair.dead().forEach(r -> {
                            if (r.memberId() >= 0) {
                                members.add(r.memberId());
                            }
                        })))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> membersWithOldHolds(Set<Long> members) {
        long deadBefore = clock.millis() - config.holdGrace().toMillis();
        return scan.keys(AdmissionKeys.ALL_HOLDS)
                .onItem().transformToUniAndConcatenate(key -> {
                    long member = RedisKeys.memberOf(key);
                    if (member < 0) {
                        return Uni.createFrom().voidItem();
                    }
                    return holds.holds(member).invoke(found -> {
                        if (found.stream().anyMatch(h -> h.atMillis() < deadBefore)) {
                            members.add(member);
                        }
                    }).replaceWithVoid();
                })
                .collect().last().replaceWithVoid();
    }
}
