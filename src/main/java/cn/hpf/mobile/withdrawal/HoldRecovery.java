package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountRepository;
import cn.hpf.mobile.common.Zones;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Repairs what a crash between Redis and PostgreSQL leaves behind (redis mode): a hold indexed longer than the
 * grace period whose withdrawal never reached PostgreSQL is released with its budget reservation; one whose
 * withdrawal did commit is settled from the current PostgreSQL snapshot. Missing budget counters of the day are
 * rebuilt from PostgreSQL. Safe on many instances: every step is idempotent and a short lock per index shard
 * keeps them from doing the same work twice.
 */
@ApplicationScoped
public class HoldRecovery {

    private static final Logger LOG = Logger.getLogger(HoldRecovery.class);
    private static final int BATCH = 200;

    private final HoldIndex index;
    private final MemberHolds holds;
    private final DailyBudget budget;
    private final AccountRepository accounts;
    private final ReactiveRedisDataSource redis;
    private final Pool db;
    private final AdmissionConfig config;
    private final Clock clock;

    public HoldRecovery(HoldIndex index, MemberHolds holds, DailyBudget budget, AccountRepository accounts,
                        ReactiveRedisDataSource redis, Pool db, AdmissionConfig config, Clock clock) {
        this.index = index;
        this.holds = holds;
        this.budget = budget;
        this.accounts = accounts;
        this.redis = redis;
        this.db = db;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${hpf.admission.recovery-every:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodically() {
        if (config.mode() != AdmissionMode.REDIS) {
            return Uni.createFrom().voidItem();
        }
        return rebuildMissingBudgets(LocalDate.now(clock.withZone(Zones.SHANGHAI)))
                .chain(() -> recoverOlderThan(clock.millis() - config.holdGrace().toMillis()))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Recovered %d orphan or unsettled Redis holds", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Hold recovery skipped: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Repairs every indexed hold written before {@code cutoffMillis}; answers how many. */
    public Uni<Integer> recoverOlderThan(long cutoffMillis) {
        return Multi.createFrom().range(0, config.holdIndexShards())
                .onItem().transformToUniAndConcatenate(shard -> recoverShard(shard, cutoffMillis))
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> recoverShard(int shard, long cutoffMillis) {
        String lock = AdmissionKeys.recoveryLock(shard);
        String token = UUID.randomUUID().toString();
        return redis.execute("SET", lock, token, "NX", "PX", "30000").chain(r -> {
            if (r == null) {
                return Uni.createFrom().item(0);
            }
            return index.olderThan(shard, cutoffMillis, BATCH)
                    .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                    .onItem().transformToUniAndConcatenate(e -> repair(e).replaceWith(1))
                    .collect().with(Collectors.summingInt(Integer::intValue))
                    .onTermination().call(() -> redis.execute("DEL", lock).onFailure().recoverWithNull());
        });
    }

    private Uni<Void> repair(HoldIndex.Entry e) {
        return db.preparedQuery("SELECT 1 FROM withdrawal WHERE id = $1").execute(Tuple.of(e.withdrawalId()))
                .chain(rows -> rows.size() > 0
                        ? accounts.find(e.memberId()).chain(s -> holds.settle(e.withdrawalId(), s)).replaceWithVoid()
                        : holds.release(e.memberId(), e.withdrawalId())
                                .chain(() -> budget.giveBackAnyShard(e.budgetDay(), e.withdrawalId())))
                .chain(() -> index.remove(e));
    }

    Uni<Void> rebuildMissingBudgets(LocalDate day) {
        return Multi.createFrom().range(0, config.budgetShards())
                .onItem().transformToUniAndConcatenate(shard ->
                        redis.execute("EXISTS", AdmissionKeys.budget(day, shard).get(0)).chain(r -> r.toLong() == 1L
                                ? Uni.createFrom().voidItem() : budget.rebuild(day, shard)))
                .collect().last().replaceWithVoid();
    }
}
