package cn.hpf.mobile.common.http;

import cn.hpf.mobile.common.Problem;
import cn.hpf.mobile.common.backpressure.RouteGroup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The backstop: a request still without an answer after {@code hpf.http.request-deadline} is answered 503 at once,
 * whatever it waits for. PostgreSQL reads, Redis commands and money writes have deadlines of their own, shorter
 * than this; the backstop covers what they do not (a write that is not a bounded money write, a Hibernate Reactive
 * transaction, a sum of steps), so that a stall never holds a request past the clients' 10 s.
 *
 * <p>The work goes on: it is not cancelled half-way (a money path stops only where it is designed to), and its late
 * answer is dropped. So a safe method (GET, HEAD) gets SERVICE_BUSY, nothing done; an unsafe one gets
 * OUTCOME_UNKNOWN: it may still take effect. An idempotent operation keeps its key's lease while the attempt runs,
 * so a retry with the same Idempotency-Key gets 409 IDEMPOTENCY_KEY_IN_FLIGHT until then, and the attempt's own
 * answer afterwards (or runs afresh if nothing was done).
 *
 * <p>Streams are never bounded: server-sent events (the withdrawal and transfer status streams, the operators' live
 * statistics), nor the operators' routes that legitimately run longer (reconciliation and audit verification on
 * long queries, asking the bank about a payout, up to two bank calls).
 */
@ApplicationScoped
public class RequestDeadline {

    /** After RequestGuard (its refusals cost nothing), before the backpressure filter: queueing counts too. */
    static final int PRIORITY = 1050;
    /** By then a write the late attempt sends has been decided (statement_timeout and a margin). */
    static final int UNKNOWN_RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(RequestDeadline.class);
    /** Marks a request the backstop answered: its late answer has nowhere to go and is dropped quietly. */
    private static final String ANSWERED = "hpf.request-deadline.answered";
    private static final Pattern LONG_OPERATOR_ROUTES = Pattern.compile(
            "^/v1/ops/(reconciliation(/.*)?|audit/verify|payouts/[^/]+/ask-bank)$");

    private final long deadlineMillis;
    private final VertxProblems problems;
    private final Counter exceeded;

    public RequestDeadline(RequestLimitsConfig limits, VertxProblems problems, MeterRegistry registry) {
        this.deadlineMillis = limits.requestDeadline().toMillis();
        this.problems = problems;
        this.exceeded = Counter.builder("hpf.deadline.exceeded").tag("where", "request")
                .description("Operations given up on at their client-side deadline").register(registry);
    }

    void register(@Observes Filters filters) {
        filters.register(this::arm, PRIORITY);
    }

    /** Before RequestGuard's and Quarkus's failure handlers: a late answer's failure is no failure of the request. */
    void lateAnswers(@Observes Router router) {
        router.route().order(-PRIORITY - 1).failureHandler(rc -> {
            if (rc.get(ANSWERED) != null) {
                LOG.debugf("Late answer dropped on %s: %s", rc.normalizedPath(), rc.failure());
                return;
            }
            rc.next();
        });
    }

    /** The resource's late answer meeting the response the backstop wrote: dropped, it is no failure. */
    public static boolean isLateAnswer(Throwable e, HttpServerRequest request) {
        if (e instanceof IllegalStateException && request != null && request.response().ended()
                && e.getMessage() != null && e.getMessage().contains("already been written")) {
            LOG.debugf("Late answer dropped on %s", request.path());
            return true;
        }
        return false;
    }

    void arm(RoutingContext rc) {
        if (deadlineMillis <= 0 || unbounded(rc)) {
            rc.next();
            return;
        }
        long timer = rc.vertx().setTimer(deadlineMillis, id -> expire(rc));
        rc.addEndHandler(done -> rc.vertx().cancelTimer(timer));
        rc.next();
    }

    private void expire(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        exceeded.increment();
        rc.put(ANSWERED, Boolean.TRUE);
        HttpMethod method = rc.request().method();
        String path = rc.normalizedPath();
        LOG.warnf("%s %s had no answer within %d ms: answered 503", method, path, deadlineMillis);
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
        if (safe) {
            response.putHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.send(rc, Problem.of(503, "SERVICE_BUSY",
                    "The service could not answer in time; nothing was done, retry shortly.", null, path, null), true);
        } else {
            response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(UNKNOWN_RETRY_AFTER_SECONDS));
            problems.send(rc, Problem.of(503, "OUTCOME_UNKNOWN",
                    "The request could not be finished in time and may still take effect. Retry with the same "
                            + "Idempotency-Key: the retry gets its answer once it is known.", null, path, null),
                    true);
        }
    }

    static boolean unbounded(RoutingContext rc) {
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("text/event-stream")) {
            return true;
        }
        String path = rc.normalizedPath();
        if (path == null) {
            return false;
        }
        return RouteGroup.isStream(rc.request().method(), path) || LONG_OPERATOR_ROUTES.matcher(path).matches();
    }
}
