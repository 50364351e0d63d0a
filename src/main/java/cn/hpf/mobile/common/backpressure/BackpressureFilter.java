package cn.hpf.mobile.common.backpressure;

import cn.hpf.mobile.common.Problem;
import cn.hpf.mobile.common.http.VertxProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sheds load before any work is done (before JWT verification, body parsing or a pool wait): a request whose
 * route group is full gets 503 SERVICE_BUSY with Retry-After at once instead of queueing into a timeout.
 * The slot is given back once the work is over ({@link InFlightSlot}): when the response is written or fails, or
 * when the client goes away — except for a state-changing request already running, which goes on to the end
 * (@Cancellable(false)) and keeps its slot until it is done, so that hang-ups cannot let more work in than the
 * bound.
 */
@ApplicationScoped
public class BackpressureFilter {

    /** Runs before Quarkus's own filters (CORS at 300 and below), so a rejection costs almost nothing. */
    static final int PRIORITY = 1000;

    private final InFlightLimiter limiter;
    private final BackpressureConfig config;
    private final VertxProblems problems;

    public BackpressureFilter(InFlightLimiter limiter, BackpressureConfig config, VertxProblems problems) {
        this.limiter = limiter;
        this.config = config;
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        if (config.enabled()) {
            filters.register(this::guard, PRIORITY);
        }
    }

    void guard(RoutingContext rc) {
        RouteGroup group = RouteGroup.of(rc.request().method(), rc.normalizedPath());
        if (group == null) {
            rc.next();
            return;
        }
        if (!limiter.tryAcquire(group)) {
            reject(rc, group);
            return;
        }
        InFlightSlot slot = new InFlightSlot(limiter, group, group == RouteGroup.WRITES);
        rc.put(InFlightSlot.KEY, slot);
        rc.addEndHandler(done -> slot.connectionDone(rc.response().ended()));
        rc.next();
    }

    private void reject(RoutingContext rc, RouteGroup group) {
        rc.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(config.retryAfterSeconds()));
        problems.send(rc, Problem.of(503, "SERVICE_BUSY",
                "Too many " + group.tag() + " requests in flight; retry after " + config.retryAfterSeconds() + " s.",
                null, rc.normalizedPath(), null), false);
    }
}
