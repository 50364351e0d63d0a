package cn.hpf.mobile.common.backpressure;

import cn.hpf.mobile.common.Problem;
import cn.hpf.mobile.common.ResponseSignatures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

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
    private final ObjectMapper json;
    private final Instance<ResponseSignatures> signatures;

    public BackpressureFilter(InFlightLimiter limiter, BackpressureConfig config, ObjectMapper json,
                              Instance<ResponseSignatures> signatures) {
        this.limiter = limiter;
        this.config = config;
        this.json = json;
        this.signatures = signatures;
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
        Problem problem = Problem.of(503, "SERVICE_BUSY",
                "Too many " + group.tag() + " requests in flight; retry after " + config.retryAfterSeconds() + " s.",
                null, rc.normalizedPath(), null);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":503,\"code\":\"SERVICE_BUSY\"}";
        }
        rc.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(config.retryAfterSeconds()));
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (ResponseSignatures s : signatures) {
            s.headers(rc.normalizedPath(), rc.request().getHeader(HttpHeaders.AUTHORIZATION), bytes)
                    .forEach(rc.response()::putHeader);
        }
        rc.response().end(io.vertx.core.buffer.Buffer.buffer(bytes));
    }
}
