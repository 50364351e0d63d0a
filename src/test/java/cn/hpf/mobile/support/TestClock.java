package cn.hpf.mobile.support;

import cn.hpf.mobile.common.Zones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The application's clock in tests: real time plus an offset a test may set, so that a test moves time (to the
 * last second of a month, past a grace period) instead of sleeping. Replaces the application's default clock
 * ({@code @DefaultBean}). PostgreSQL's now() is not moved: tests only shift what the application decides by.
 */
@ApplicationScoped
public class TestClock {

    private static volatile Duration offset = Duration.ZERO;
    private static final java.util.concurrent.atomic.AtomicInteger FRESH_DAYS = new java.util.concurrent.atomic.AtomicInteger();

    @Produces
    @ApplicationScoped
    Clock clock() {
        return new Shifted(Zones.SHANGHAI);
    }

    /** From now on the application's clock reads {@code at} (and runs on from there). */
    public static void setTo(Instant at) {
        offset = Duration.between(Instant.now(), at);
    }

    /**
     * Moves the application to 10:00 (Asia/Shanghai) of a day no other test of this run uses, years ahead: a day
     * with a budget, budget counters and monthly caps of its own.
     */
    public static void onAFreshDay() {
        setTo(java.time.LocalDate.now(Zones.SHANGHAI).plusYears(10).plusDays(FRESH_DAYS.incrementAndGet())
                .atTime(10, 0).atZone(Zones.SHANGHAI).toInstant());
    }

    public static void shift(Duration by) {
        offset = offset.plus(by);
    }

    public static void reset() {
        offset = Duration.ZERO;
    }

    private static final class Shifted extends Clock {
        private final ZoneId zone;

        Shifted(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Shifted(other);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
