package cn.hpf.mobile.ops.stats;

import cn.hpf.mobile.common.Channel;
import cn.hpf.mobile.common.Zones;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A day's figures, from one PostgreSQL statement, so every replica answers the same. */
@ApplicationScoped
public class DailyStatsService {

    /** The reference centre's online channels; COUNTER is the service hall, SYSTEM is no member's request. */
    static final Set<Channel> ONLINE = EnumSet.of(Channel.APP, Channel.MINI_PROGRAM, Channel.PARTNER);

    private final StatsRepository repository;
    private final java.time.Clock clock;

    public DailyStatsService(StatsRepository repository, java.time.Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public Uni<DailyStats> day(LocalDate date) {
        OffsetDateTime from = date.atStartOfDay(Zones.SHANGHAI).toOffsetDateTime();
        OffsetDateTime to = date.plusDays(1).atStartOfDay(Zones.SHANGHAI).toOffsetDateTime();
        return repository.day(from, to, date).map(rows -> {
            long count = 0, amount = 0, paid = 0, paidFen = 0, failed = 0, paidByBank = 0;
            Long p50 = null, p95 = null, p99 = null;
            DailyStats.PeakMinute peak = null;
            DailyStats.Check books = null;
            DailyStats.Check bankStatement = null;
            List<DailyStats.GroupCount> categories = new ArrayList<>();
            List<DailyStats.GroupCount> channels = new ArrayList<>();
            List<DailyStats.CodeCount> refusals = new ArrayList<>();
            List<DailyStats.FailingNotifications> notifications = new ArrayList<>();
            for (Row r : rows) {
                String label = r.getString("label");
                long n = r.getLong("n") == null ? 0 : r.getLong("n");
                Long a = r.getLong("amount");
                switch (r.getString("kind")) {
                    case "total" -> {
                        count = n;
                        amount = a;
                    }
                    case "paid" -> {
                        paid = n;
                        paidFen = a;
                    }
                    case "failed" -> failed = n;
                    case "category" -> categories.add(new DailyStats.GroupCount(label, n, a));
                    case "channel" -> channels.add(new DailyStats.GroupCount(label, n, a));
                    case "peak" -> peak = new DailyStats.PeakMinute(utc(r.getOffsetDateTime("at")), n);
                    case "latency" -> paidByBank = n;
                    case "p50" -> p50 = n;
                    case "p95" -> p95 = n;
                    case "p99" -> p99 = n;
                    case "refusal" -> refusals.add(new DailyStats.CodeCount(label, n));
                    case "notification" -> notifications.add(new DailyStats.FailingNotifications(label, n, a));
                    case "reconciliation" -> books = new DailyStats.Check(
                            Boolean.parseBoolean(label), utc(r.getOffsetDateTime("at")), (int) n);
                    case "bank_statement" -> bankStatement = new DailyStats.Check(
                            Boolean.parseBoolean(label), utc(r.getOffsetDateTime("at")), (int) n);
                    default -> throw new IllegalStateException("unknown figure " + r.getString("kind"));
                }
            }
            Comparator<DailyStats.GroupCount> largest = Comparator.comparingLong(DailyStats.GroupCount::count)
                    .reversed().thenComparing(DailyStats.GroupCount::key);
            categories.sort(largest);
            channels.sort(largest);
            refusals.sort(Comparator.comparingLong(DailyStats.CodeCount::count).reversed()
                    .thenComparing(DailyStats.CodeCount::code));
            notifications.sort(Comparator.comparing(DailyStats.FailingNotifications::appId));
            return new DailyStats(date,
                    new DailyStats.Withdrawals(count, amount, paid, paidFen, failed, categories, channels),
                    onlineShare(channels), peak, new DailyStats.Latency(paidByBank, p50, p95, p99), refusals,
                    notifications, DailyStats.Reconciliation.of(books, bankStatement));
        });
    }

    /** This minute's and today's figures, read now. */
    public Uni<LiveFigures> live() {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock.withZone(Zones.SHANGHAI));
        OffsetDateTime minute = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toOffsetDateTime();
        OffsetDateTime dayStart = now.toLocalDate().atStartOfDay(Zones.SHANGHAI).toOffsetDateTime();
        return repository.live(minute, dayStart).map(r -> {
            long online = r.getLong("today_online");
            long counter = r.getLong("today_counter");
            return new LiveFigures(utc(r.getOffsetDateTime("at")), utc(minute), r.getLong("minute_count"),
                    r.getLong("minute_amount"), r.getLong("minute_paid"), r.getLong("today_count"),
                    r.getLong("today_amount"), r.getLong("today_paid"),
                    online + counter == 0 ? null : onlineShareOf(online, counter), r.getLong("waiting"),
                    r.getBoolean("admissions_paused"), r.getBoolean("payouts_paused"));
        });
    }

    /** Online over online + COUNTER; SYSTEM (and any channel not a member's) counts in neither. */
    static BigDecimal onlineShare(List<DailyStats.GroupCount> channels) {
        long online = 0, all = 0;
        for (DailyStats.GroupCount c : channels) {
            Channel channel;
            try {
                channel = Channel.valueOf(c.key());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (ONLINE.contains(channel)) {
                online += c.count();
                all += c.count();
            } else if (channel == Channel.COUNTER) {
                all += c.count();
            }
        }
        return all == 0 ? null : onlineShareOf(online, all - online);
    }

    /** Online over online + counter, 4 decimals (the reference centre reports 64.94 %). */
    public static BigDecimal onlineShareOf(long online, long counter) {
        return BigDecimal.valueOf(online).divide(BigDecimal.valueOf(online + counter), 4, RoundingMode.HALF_UP);
    }

    private static OffsetDateTime utc(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
