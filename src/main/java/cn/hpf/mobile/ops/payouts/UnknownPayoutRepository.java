package cn.hpf.mobile.ops.payouts;

import cn.hpf.mobile.audit.AuditRepository;
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

    /** The question is the action (the bank's side is not ours): audited in a statement of its own. */
    private static final String AUDIT = AuditRepository.appendAction("$2")
            .from("(SELECT 1) one LEFT JOIN withdrawal w ON w.id = $3::uuid").by("$1", "'OPS'", "w.app_id", "$6")
            .member("w.member_id").face("w.face_verification_id").amount("w.amount_fen").target("$3::uuid")
            .result("$5").changed("$4").statement();

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

    Uni<Void> audit(String operator, String action, UUID withdrawalId, boolean changed, String outcome,
                    String client) {
        return db.preparedQuery(AUDIT).execute(Tuple.of(operator, action, withdrawalId, changed, outcome, client))
                .replaceWithVoid();
    }
}
