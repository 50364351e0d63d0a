package cn.hpf.mobile.ops.stats;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.ops.OpsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Counts the admissions this replica refused, by Asia/Shanghai day and code, and adds the counts to PostgreSQL
 * (refusal_count) every hpf.ops.refusal-flush. The hot path only bumps a counter. Counts not yet flushed when a
 * replica dies are lost (at most one interval's worth): these are statistics, not money.
 */
@ApplicationScoped
public class RefusalTally {

    private static final Logger LOG = Logger.getLogger(RefusalTally.class);

    private record Key(LocalDate day, String code) {
    }

    private final StatsRepository repository;
    private final OpsConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private long timer = -1;

    public RefusalTally(StatsRepository repository, OpsConfig config, Clock clock, Vertx vertx) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.refusalFlush().toMillis(), id -> flush().subscribe().with(x -> { }));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public void count(String code) {
        counts.computeIfAbsent(new Key(LocalDate.now(clock.withZone(Zones.SHANGHAI)), code), k -> new LongAdder())
                .increment();
    }

    /** Adds what was counted since the last flush; on failure the counts are kept for the next one. */
    public Uni<Void> flush() {
        if (!flushing.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        Map<Key, LongAdder> taken = counts;
        counts = new ConcurrentHashMap<>();
        List<Key> keys = new ArrayList<>(taken.keySet());
        if (keys.isEmpty()) {
            flushing.set(false);
            return Uni.createFrom().voidItem();
        }
        LocalDate[] days = new LocalDate[keys.size()];
        String[] codes = new String[keys.size()];
        Long[] values = new Long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            days[i] = keys.get(i).day();
            codes[i] = keys.get(i).code();
            values[i] = taken.get(keys.get(i)).sum(); // a late increment on `taken` is lost: a count, not money
        }
        return repository.addRefusals(days, codes, values)
                .onFailure().invoke(e -> {
                    LOG.warnf("Refusal counts not recorded now (%s); kept for the next flush", e.toString());
                    taken.forEach((k, v) -> counts.computeIfAbsent(k, x -> new LongAdder()).add(v.sum()));
                })
                .onFailure().recoverWithNull()
                .onTermination().invoke(() -> flushing.set(false));
    }
}
