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

    @Produces
    @ApplicationScoped
    Clock clock() {
        return new Shifted(Zones.SHANGHAI);
    }

    /** From now on the application's clock reads {@code at} (and runs on from there). */
    public static void setTo(Instant at) {
        offset = Duration.between(Instant.now(), at);
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
