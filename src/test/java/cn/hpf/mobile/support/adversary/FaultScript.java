package cn.hpf.mobile.support.adversary;

import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongPredicate;
import org.jboss.logging.Logger;

/**
 * What the adversary does when a money path reaches a fail point: actions registered per point (optionally for
 * one member only), run on a thread of the script's own so that they may block (Redis and JDBC calls) while the
 * path waits for them. Arms the application's {@link FaultPoints}; {@link #close()} disarms them.
 */
public final class FaultScript implements AutoCloseable {

    /** An action; it may block. */
    public interface Action {
        void run(long memberId) throws Exception;
    }

    private record Step(LongPredicate forMember, Action action, boolean once) {
    }

    private static final Uni<Void> NOTHING = Uni.createFrom().voidItem();
    private static final Logger LOG = Logger.getLogger(FaultScript.class);

    private final FaultPoints points;
    private final Map<FaultPoint, CopyOnWriteArrayList<Step>> steps = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-script");
        t.setDaemon(true);
        return t;
    });

    public FaultScript(FaultPoints points) {
        this.points = points;
        points.arm(this::reached);
    }

    /** Runs {@code action} every time any path reaches {@code point}. */
    public FaultScript always(FaultPoint point, Action action) {
        steps.computeIfAbsent(point, p -> new CopyOnWriteArrayList<>()).add(new Step(m -> true, action, false));
        return this;
    }

    /** Runs {@code action} the next time {@code point} is reached for this member, then forgets it. */
    public FaultScript once(FaultPoint point, long memberId, Action action) {
        steps.computeIfAbsent(point, p -> new CopyOnWriteArrayList<>()).add(new Step(m -> m == memberId, action, true));
        return this;
    }

    private Uni<Void> reached(FaultPoint point, long memberId) {
        CopyOnWriteArrayList<Step> registered = steps.get(point);
        if (registered == null || registered.isEmpty()) {
            return NOTHING;
        }
        var due = registered.stream().filter(s -> s.forMember().test(memberId)).toList();
        if (due.isEmpty()) {
            return NOTHING;
        }
        due.stream().filter(Step::once).forEach(registered::remove);
        // Back on the path's own Vert.x context afterwards: the path goes on as if nothing had happened.
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> worker.execute(() -> {
            for (Step s : due) {
                try {
                    s.action().run(memberId);
                } catch (Exception e) {
                    LOG.warnf(e, "Fault action at %s failed", point);
                }
            }
            if (context != null) {
                context.runOnContext(v -> emitter.complete(null));
            } else {
                emitter.complete(null);
            }
        }));
    }

    @Override
    public void close() {
        points.disarm();
        worker.shutdownNow();
    }
}
