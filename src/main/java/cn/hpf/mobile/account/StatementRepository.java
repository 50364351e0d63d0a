package cn.hpf.mobile.account;

import cn.hpf.mobile.common.Zones;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Pages a member's ledger newest first by (occurred_at, id), served by the ledger_entry_statement index. */
@ApplicationScoped
public class StatementRepository {

    private final Pool db;

    public StatementRepository(Pool db) {
        this.db = db;
    }

    public Uni<StatementPage> page(long memberId, EntryType type, LocalDate from, LocalDate to, int limit,
                                   StatementCursor after) {
        StringBuilder sql = new StringBuilder("SELECT id, type, amount_fen, balance_after_fen, occurred_at, description "
                + "FROM ledger_entry WHERE member_id = $1");
        List<Object> args = new ArrayList<>();
        args.add(memberId);
        if (type != null) {
            args.add(type.name());
            sql.append(" AND type = $").append(args.size());
        }
        if (from != null) {
            args.add(startOf(from));
            sql.append(" AND occurred_at >= $").append(args.size());
        }
        if (to != null) {
            args.add(startOf(to.plusDays(1)));
            sql.append(" AND occurred_at < $").append(args.size());
        }
        if (after != null) {
            args.add(after.occurredAt());
            args.add(after.id());
            sql.append(" AND (occurred_at, id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(")");
        }
        args.add(limit + 1);
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT $").append(args.size());
        return db.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
            List<StatementEntry> items = new ArrayList<>(limit);
            for (Row r : rows) {
                items.add(new StatementEntry(r.getLong(0), EntryType.valueOf(r.getString(1)), r.getLong(2),
                        r.getLong(3), r.getOffsetDateTime(4).atZoneSameInstant(Zones.SHANGHAI).toOffsetDateTime(),
                        r.getString(5)));
            }
            String next = null;
            if (items.size() > limit) {
                items.remove(limit);
                StatementEntry last = items.get(limit - 1);
                next = new StatementCursor(last.occurredAt(), last.id()).encode();
            }
            return new StatementPage(items, next);
        });
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(Zones.SHANGHAI).toOffsetDateTime();
    }
}
