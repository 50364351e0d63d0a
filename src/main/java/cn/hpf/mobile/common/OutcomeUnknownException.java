package cn.hpf.mobile.common;

import java.time.Duration;
import java.time.Instant;

/**
 * A write was sent and no answer came back (connection lost, or no answer in time): it may still commit, until
 * {@link #knownAt()}, after which the server has certainly finished or aborted it. The caller answers 503 with
 * Retry-After; an idempotent operation keeps its key busy until then, so that a retry can never run beside it.
 */
public class OutcomeUnknownException extends ApiException {

    private final Instant knownAt;

    public OutcomeUnknownException(String code, String message, Instant knownAt) {
        super(503, code, message, null, secondsUntil(knownAt));
        this.knownAt = knownAt;
    }

    public Instant knownAt() {
        return knownAt;
    }

    private static int secondsUntil(Instant at) {
        long millis = Duration.between(Instant.now(), at).toMillis();
        return (int) Math.max(1, (millis + 999) / 1000);
    }
}
