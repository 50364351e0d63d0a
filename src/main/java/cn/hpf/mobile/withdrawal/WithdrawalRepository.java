package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A member's withdrawals from PostgreSQL (the truth), one by id or keyset-paginated newest first. */
@ApplicationScoped
public class WithdrawalRepository {

    /**
     * The status a member sees, for a withdrawal aliased {@code w}. PAYING is not written on the withdrawal row: a
     * withdrawal is PAYING from its first payout lease (the outbox row's attempts) until PAID or FAILED.
     */
    public static final String VISIBLE_STATUS = "CASE WHEN w.status = " + WithdrawalStatus.ACCEPTED.sql()
            + " AND EXISTS (SELECT 1 FROM payout_outbox o WHERE o.withdrawal_id = w.id AND o.attempts > 0) THEN "
            + WithdrawalStatus.PAYING.sql() + " ELSE w.status END";

    private static final String COLUMNS = "w.id, " + VISIBLE_STATUS + ", w.amount_fen, w.category, w.created_at, "
            + "w.updated_at, w.paid_at, w.failure_code, w.bank_card_id, w.loan_id, w.out_biz_no";

    private final Pool db;

    public WithdrawalRepository(Pool db) {
        this.db = db;
    }

    /** Another member's withdrawal is as unknown as a missing one: 404. */
    public Uni<WithdrawalView> find(long memberId, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM withdrawal w WHERE w.id = $1 AND w.member_id = $2")
                .execute(Tuple.of(id, memberId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        throw ApiException.notFound("WITHDRAWAL_NOT_FOUND", "No such withdrawal among yours.");
                    }
                    return view(it.next());
                });
    }

    /** A withdrawal the member made through this partner app; null when there is none. */
    public Uni<WithdrawalView> findForPartner(String appId, long memberId, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM withdrawal w WHERE w.id = $1 AND w.member_id = $2 "
                        + "AND w.app_id = $3")
                .execute(Tuple.of(id, memberId, appId))
                .map(rows -> rows.iterator().hasNext() ? view(rows.iterator().next()) : null);
    }

    /** The withdrawal this app made for the member under this outBizNo, if any. */
    public Uni<List<WithdrawalView>> findByOutBizNo(String appId, long memberId, String outBizNo) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM withdrawal w WHERE w.app_id = $1 AND w.out_biz_no = $2 "
                        + "AND w.member_id = $3")
                .execute(Tuple.of(appId, outBizNo, memberId))
                .map(rows -> {
                    List<WithdrawalView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    public Uni<WithdrawalPage> page(long memberId, int limit, WithdrawalCursor after) {
        OffsetDateTime at = after == null ? null : after.createdAt().atOffset(ZoneOffset.UTC);
        UUID afterId = after == null ? null : after.id();
        return db.preparedQuery("SELECT " + COLUMNS + " FROM withdrawal w WHERE w.member_id = $1 "
                        + "AND ($2::timestamptz IS NULL OR (w.created_at, w.id) < ($2::timestamptz, $3::uuid)) "
                        + "ORDER BY w.created_at DESC, w.id DESC LIMIT $4")
                .execute(Tuple.from(Arrays.asList(memberId, at, afterId, limit + 1)))
                .map(rows -> {
                    List<WithdrawalView> items = new ArrayList<>(limit);
                    for (Row r : rows) {
                        items.add(view(r));
                    }
                    String next = null;
                    if (items.size() > limit) {
                        items.remove(limit);
                        WithdrawalView last = items.get(limit - 1);
                        next = new WithdrawalCursor(last.createdAt(), last.id()).encode();
                    }
                    return new WithdrawalPage(items, next);
                });
    }

    private static WithdrawalView view(Row r) {
        return new WithdrawalView(r.getUUID(0), r.getString(1), r.getLong(2), r.getString(3), instant(r, 4),
                instant(r, 5), instant(r, 6), r.getString(7), r.getLong(8), r.getLong(9), r.getString(10));
    }

    private static Instant instant(Row r, int i) {
        OffsetDateTime t = r.getOffsetDateTime(i);
        return t == null ? null : t.toInstant();
    }
}
