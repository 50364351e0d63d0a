package cn.hpf.mobile.common.backpressure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One atomic counter of requests in flight per route group, with its limit; exported as metrics. */
@ApplicationScoped
public class InFlightLimiter {

    private final Map<RouteGroup, AtomicInteger> inFlight = new EnumMap<>(RouteGroup.class);
    private final Map<RouteGroup, Integer> limits = new EnumMap<>(RouteGroup.class);
    private final Map<RouteGroup, Counter> rejected = new EnumMap<>(RouteGroup.class);

    public InFlightLimiter(BackpressureConfig config, MeterRegistry registry) {
        for (RouteGroup group : RouteGroup.values()) {
            AtomicInteger counter = new AtomicInteger();
            inFlight.put(group, counter);
            limits.put(group, group.limit(config));
            Gauge.builder("hpf.backpressure.in.flight", counter, AtomicInteger::get)
                    .description("Requests in flight per route group").tag("group", group.tag()).register(registry);
            Gauge.builder("hpf.backpressure.limit", () -> limits.get(group))
                    .description("Bound on requests in flight per route group").tag("group", group.tag())
                    .register(registry);
            rejected.put(group, Counter.builder("hpf.backpressure.rejected")
                    .description("Requests answered 503 SERVICE_BUSY because their group was full")
                    .tag("group", group.tag()).register(registry));
        }
    }

    /** Takes a slot, or returns false (and counts the rejection) when the group is full. */
    public boolean tryAcquire(RouteGroup group) {
        AtomicInteger counter = inFlight.get(group);
        int limit = limits.get(group);
        for (;;) {
            int current = counter.get();
            if (current >= limit) {
                rejected.get(group).increment();
                return false;
            }
            if (counter.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void release(RouteGroup group) {
        inFlight.get(group).decrementAndGet();
    }

    public int inFlight(RouteGroup group) {
        return inFlight.get(group).get();
    }
}
