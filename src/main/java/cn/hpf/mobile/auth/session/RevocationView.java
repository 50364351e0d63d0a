package cn.hpf.mobile.auth.session;

import cn.hpf.mobile.auth.AuthConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * This replica's view of the revoked sessions, so that a signed-out session's access tokens are refused on every
 * replica without a PostgreSQL round trip per request. It asks PostgreSQL every {@code poll-interval} (a timer on the
 * event loop, the reactive pool, never blocking) for the sessions revoked since its last look, loads those revoked
 * within an access token's lifetime when it starts, and keeps each id until every access token of that session has
 * expired. A revocation made on this replica is in its view at once.
 *
 * <p>It is {@link #fresh()} while its last successful poll started less than {@code max-staleness} ago; when it is
 * not (PostgreSQL unreachable, or not loaded yet), tokens carrying a session are refused rather than trusted.
 */
@ApplicationScoped
public class RevocationView {

    private static final Logger LOG = Logger.getLogger(RevocationView.class);
    /**
     * Each poll reads again the revocations of this long before the previous poll: revoked_at is taken inside the
     * revoking statement, which commits at most statement-timeout later, possibly after a poll that read past it.
     */
    static final Duration OVERLAP = Duration.ofSeconds(10);
    /** smallrye-jwt accepts a token this long past its exp (mp.jwt.verify.clock.skew, default 60 s). */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final SessionRepository sessions;
    private final Vertx vertx;
    private final long intervalMillis;
    private final long maxStaleNanos;
    private final long retentionMillis;
    /** Revoked session id → when this view learnt of it (nanoTime). */
    private final ConcurrentHashMap<String, Long> revoked = new ConcurrentHashMap<>();
    /** Until when (nanoTime) the view counts as fresh; compared by difference, as nanoTime may wrap. */
    private volatile long freshUntilNanos;
    /** The database's time of the last successful poll; null before the first (which loads the recent ones). */
    private Long polledAtMillis;
    private boolean running;
    private long timer = -1;
    private volatile boolean failing;

    public RevocationView(SessionRepository sessions, AuthConfig config, Vertx vertx) {
        Duration interval = config.revocation().pollInterval();
        Duration maxStaleness = config.revocation().maxStaleness();
        if (interval.isNegative() || interval.isZero() || interval.compareTo(maxStaleness) >= 0) {
            throw new IllegalStateException("hpf.auth.revocation.poll-interval (" + interval + ") must be positive "
                    + "and shorter than hpf.auth.revocation.max-staleness (" + maxStaleness + ")");
        }
        this.sessions = sessions;
        this.vertx = vertx;
        this.intervalMillis = interval.toMillis();
        this.maxStaleNanos = maxStaleness.toNanos();
        this.retentionMillis = config.tokenTtl().plus(CLOCK_SKEW).toMillis();
        this.freshUntilNanos = System.nanoTime() - 1;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Whether the view is recent enough to be trusted. */
    public boolean fresh() {
        return freshUntilNanos - System.nanoTime() > 0;
    }

    /** Whether the session is revoked, as far as this view knows. */
    public boolean revoked(String sessionId) {
        return revoked.containsKey(sessionId);
    }

    /** Revocations made on this replica: in its view at once, before any poll. */
    public void revokedHere(Collection<String> sessionIds) {
        long now = System.nanoTime();
        sessionIds.forEach(id -> revoked.putIfAbsent(id, now));
    }

    public synchronized void start() {
        if (!running) {
            running = true;
            poll();
        }
    }

    public synchronized void stop() {
        running = false;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void poll() {
        long startedAt = System.nanoTime();
        Long since;
        synchronized (this) {
            if (!running) {
                return;
            }
            since = polledAtMillis == null ? null : polledAtMillis - OVERLAP.toMillis();
        }
        sessions.revokedSince(since, retentionMillis).subscribe().with(
                polled -> {
                    long now = System.nanoTime();
                    polled.sessionIds().forEach(id -> revoked.putIfAbsent(id, now));
                    revoked.values().removeIf(seen -> now - seen > retentionMillis * 1_000_000L);
                    synchronized (this) {
                        polledAtMillis = polled.polledAtMillis();
                    }
                    freshUntilNanos = startedAt + maxStaleNanos;
                    if (failing) {
                        failing = false;
                        LOG.info("Revoked sessions polled again");
                    }
                    next();
                },
                failure -> {
                    if (!failing) {
                        failing = true;
                        LOG.warnf("Revoked sessions not polled (%s): tokens with a session are refused once the view "
                                + "is older than max-staleness", failure.toString());
                    }
                    next();
                });
    }

    private synchronized void next() {
        if (running) {
            timer = vertx.setTimer(intervalMillis, id -> poll());
        }
    }
}
