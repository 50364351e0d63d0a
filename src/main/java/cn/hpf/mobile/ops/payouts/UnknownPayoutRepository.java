package cn.hpf.mobile.ops.payouts;

import cn.hpf.mobile.withdrawal.WithdrawalStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The payouts sent to the bank whose outcome is still unknown, and the audit of operators' questions about them. */
@ApplicationScoped
public class UnknownPayoutRepository {

    /**
     * Open withdrawals whose outbox row was leased at least once (the order went to the bank) longer ago than $1
     * ms, oldest first; the total before the limit $2. A row restored by recovery or leased before first_sent_at
     * existed counts from the row's creation. Found through the outbox, which holds only open payouts.
     */
    private static final String UNKNOWN = """
            SELECT w.id, w.amount_fen, w.category, w.channel, w.created_at,
                   coalesce(o.first_sent_at, o.created_at) AS first_sent_at, o.last_asked_at, o.attempts,
                   (extract(epoch FROM now() - coalesce(o.first_sent_at, o.created_at)))::bigint AS unknown_for,
                   o.last_error, count(*) OVER () AS total
            FROM payout_outbox o JOIN withdrawal w ON w.id = o.withdrawal_id
            WHERE o.attempts > 0 AND w.status IN (%s)
              AND coalesce(o.first_sent_at, o.created_at) < now() - $1 * interval '1 millisecond'
            ORDER BY coalesce(o.first_sent_at, o.created_at), w.id
            LIMIT $2
            """.formatted(WithdrawalStatus.sqlList(WithdrawalStatus.OPEN));

    private static final String AUDIT = """
            INSERT INTO operator_action (operator, action, target, reason, changed, outcome)
            VALUES ($1, $2, $3, NULL, $4, $5)
            """;

    private final Pool db;

    public UnknownPayoutRepository(Pool db) {
        this.db = db;
    }

    Uni<UnknownPayouts> unknown(Duration after, int limit) {
        return db.preparedQuery(UNKNOWN).execute(Tuple.of(after.toMillis(), limit)).map(rows -> {
            List<UnknownPayouts.Item> items = new ArrayList<>(rows.size());
            long total = 0;
            for (Row r : rows) {
                total = r.getLong("total");
                var asked = r.getOffsetDateTime("last_asked_at");
                items.add(new UnknownPayouts.Item(r.getUUID("id"), r.getLong("amount_fen"), r.getString("category"),
                        r.getString("channel"), r.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC),
                        r.getOffsetDateTime("first_sent_at").withOffsetSameInstant(ZoneOffset.UTC),
                        asked == null ? null : asked.withOffsetSameInstant(ZoneOffset.UTC), r.getInteger("attempts"),
                        r.getLong("unknown_for"), r.getString("last_error")));
            }
            return new UnknownPayouts(items, total, after.toSeconds());
        });
    }

    Uni<Void> audit(String operator, String action, UUID withdrawalId, boolean changed, String outcome) {
        return db.preparedQuery(AUDIT).execute(Tuple.of(operator, action, withdrawalId.toString(), changed, outcome))
                .replaceWithVoid();
    }
}
