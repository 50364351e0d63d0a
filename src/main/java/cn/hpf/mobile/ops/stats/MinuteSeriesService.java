package cn.hpf.mobile.ops.stats;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.withdrawal.AdmissionConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The console's time charts: per minute admissions, payouts and payout latency, from one PostgreSQL statement. */
@ApplicationScoped
public class MinuteSeriesService {

    public static final int MAX_MINUTES = 240;

    private final StatsRepository repository;
    private final AdmissionConfig admission;
    private final Clock clock;

    public MinuteSeriesService(StatsRepository repository, AdmissionConfig admission, Clock clock) {
        this.repository = repository;
        this.admission = admission;
        this.clock = clock;
    }

    /** The last {@code count} minutes, the current one included. */
    public Uni<MinuteSeries> last(int count) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(Zones.SHANGHAI));
        OffsetDateTime current = now.truncatedTo(ChronoUnit.MINUTES).toOffsetDateTime();
        OffsetDateTime first = current.minusMinutes(count - 1L);
        return repository.minutes(first, current, now.toLocalDate()).map(rows -> {
            List<MinuteSeries.Minute> minutes = new ArrayList<>();
            Long budget = null;
            long used = 0;
            OffsetDateTime at = null;
            for (Row r : rows) {
                budget = r.getLong("budget_fen");
                used = r.getLong("budget_used");
                at = r.getOffsetDateTime("at");
                minutes.add(new MinuteSeries.Minute(utc(r.getOffsetDateTime("minute")), r.getLong("n"),
                        r.getLong("amount"), r.getLong("paid_n"), r.getLong("paid_fen"), r.getLong("p50"),
                        r.getLong("p95"), r.getLong("p99")));
            }
            return new MinuteSeries(utc(at), budget == null ? admission.dailyBudgetFen() : budget, used, minutes);
        });
    }

    private static OffsetDateTime utc(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
