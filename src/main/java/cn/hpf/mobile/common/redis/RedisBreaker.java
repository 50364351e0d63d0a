package cn.hpf.mobile.common.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Stops sending commands to a Redis that has stopped answering. After {@code after} commands in a row got no answer
 * within the command timeout, commands fail at once, unsent, for {@code openFor}; then one command is let through as
 * a probe while the others still fail at once: its answer closes the breaker, its silence opens it again.
 *
 * <p>Without it every Redis step of every request in a stall waits its full command timeout in turn, and the
 * requests queue behind one another. A command refused here was never sent, so it certainly did nothing: callers
 * treat it as any other Redis failure (PostgreSQL is the truth). Only silence counts; a refused connection or a
 * Redis error already fails fast.
 */
public final class RedisBreaker {

    public enum State { CLOSED, OPEN, PROBING }

    private final int after;
    private final long openForNanos;
    private final LongSupplier clock;
    private final AtomicInteger silentInARow = new AtomicInteger();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile long openUntil;
    private volatile boolean open;

    public RedisBreaker(int after, Duration openFor, LongSupplier nanoClock) {
        if (after < 1) {
            throw new IllegalArgumentException("hpf.redis.breaker-after must be at least 1");
        }
        this.after = after;
        this.openForNanos = openFor.toNanos();
        this.clock = nanoClock;
    }

    /** Whether a command may be sent now; a caller that may must report its outcome. */
    public Permit permit() {
        if (!open) {
            return Permit.SEND;
        }
        if (clock.getAsLong() - openUntil < 0 || !probing.compareAndSet(false, true)) {
            return Permit.REFUSE;
        }
        return Permit.PROBE;
    }

    /**
     * Redis answered (a reply or a Redis error): it is alive. Called for every command, from every event loop: the
     * shared fields are only written when they change, so that the common case writes nothing.
     */
    public void answered(Permit permit) {
        if (silentInARow.get() != 0) {
            silentInARow.set(0);
        }
        if (open) {
            open = false;
        }
        probeOver(permit);
    }

    /** No answer within the command timeout. */
    public void silent(Permit permit) {
        if (permit == Permit.PROBE || silentInARow.incrementAndGet() >= after) {
            openUntil = clock.getAsLong() + openForNanos;
            open = true;
        }
        probeOver(permit);
    }

    /** The command failed otherwise (its connection refused or broken): says nothing of a stall. */
    public void failed(Permit permit) {
        probeOver(permit);
    }

    private void probeOver(Permit permit) {
        if (permit == Permit.PROBE) {
            probing.set(false);
        }
    }

    public State state() {
        if (!open) {
            return State.CLOSED;
        }
        return probing.get() ? State.PROBING : State.OPEN;
    }

    public enum Permit { SEND, PROBE, REFUSE }
}
