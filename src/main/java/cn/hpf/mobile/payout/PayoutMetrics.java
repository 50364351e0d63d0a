package cn.hpf.mobile.payout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** {@code withdrawal_payout_seconds}: accepted → paid, with percentiles for the "arrives in seconds" promise. */
@Startup // registered at start, so dashboards see the series (at zero) before the first payout
@ApplicationScoped
public class PayoutMetrics {

    /** Prometheus renders this timer as withdrawal_payout_seconds_{count,sum,bucket,...}. */
    public static final String PAYOUT_TIMER = "withdrawal.payout";

    private final Timer payout;
    private final Counter failed;
    private final Counter unknown;

    public PayoutMetrics(MeterRegistry registry) {
        this.payout = Timer.builder(PAYOUT_TIMER)
                .description("Time from an accepted withdrawal to the bank's payment")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.failed = Counter.builder("withdrawal.payout.failed")
                .description("Payouts the bank rejected definitively").register(registry);
        this.unknown = Counter.builder("withdrawal.payout.unknown")
                .description("Bank calls with an unknown outcome (timeout, processing, error)").register(registry);
    }

    void paid(Duration acceptedToPaid) {
        payout.record(acceptedToPaid.isNegative() ? Duration.ZERO : acceptedToPaid);
    }

    void failed() {
        failed.increment();
    }

    void unknown() {
        unknown.increment();
    }
}
