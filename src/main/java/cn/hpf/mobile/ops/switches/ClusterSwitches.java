package cn.hpf.mobile.ops.switches;

import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.ops.OpsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * This replica's view of the cluster switches (ops_switch, the truth in PostgreSQL): read at start and then every
 * hpf.ops.switch-poll on a Vert.x timer through the reactive pool, so the hot paths only read a field. A change made
 * on this replica is seen here at once; on the others within one poll and one query. When PostgreSQL cannot be read
 * the last state read stays: nothing is admitted or paid without PostgreSQL anyway. Until the first read succeeds
 * everything counts as open, as a fresh database has it.
 */
@ApplicationScoped
public class ClusterSwitches {

    private static final Logger LOG = Logger.getLogger(ClusterSwitches.class);

    private final SwitchRepository repository;
    private final OpsConfig config;
    private final Vertx vertx;
    private final AtomicBoolean reading = new AtomicBoolean();
    /** Bumped by each change made here: a read that started before it must not put the older state back. */
    private final AtomicLong learned = new AtomicLong();
    private volatile Map<ClusterSwitch, SwitchState> known = initial();
    private long timer = -1;

    public ClusterSwitches(SwitchRepository repository, OpsConfig config, Vertx vertx) {
        this.repository = repository;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Reads the switches now and then every poll interval (a timer on an event loop, never blocking it). */
    public synchronized void start() {
        if (timer < 0) {
            timer = vertx.setPeriodic(1, config.switchPoll().toMillis(), id -> refresh().subscribe().with(x -> { }));
        }
    }

    public synchronized void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** One read of PostgreSQL; a read still under way makes this one a no-op. */
    public Uni<Void> refresh() {
        if (!reading.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        long before = learned.get();
        return repository.polled()
                .invoke(all -> {
                    synchronized (learned) {
                        if (learned.get() == before) {
                            known = all;
                        }
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Cluster switches not read (%s); the last state read holds",
                        e.toString()))
                .onFailure().recoverWithNull()
                .onTermination().invoke(() -> reading.set(false))
                .replaceWithVoid();
    }

    public boolean paused(ClusterSwitch which) {
        return known.get(which).paused();
    }

    public Map<ClusterSwitch, SwitchState> known() {
        return known;
    }

    /** A change this replica made: seen here before the next poll. */
    void learn(SwitchState state) {
        synchronized (learned) {
            learned.incrementAndGet();
            Map<ClusterSwitch, SwitchState> next = new EnumMap<>(known);
            next.put(state.name(), state);
            known = next;
        }
    }

    /** 503 ADMISSIONS_PAUSED while operators hold admissions. */
    public void requireAdmissionsOpen() {
        if (paused(ClusterSwitch.ADMISSIONS)) {
            throw Refusal.ADMISSIONS_PAUSED.error(config.pausedRetryAfter());
        }
    }

    private static Map<ClusterSwitch, SwitchState> initial() {
        Map<ClusterSwitch, SwitchState> open = new EnumMap<>(ClusterSwitch.class);
        for (ClusterSwitch s : ClusterSwitch.values()) {
            open.put(s, SwitchState.open(s));
        }
        return open;
    }
}
