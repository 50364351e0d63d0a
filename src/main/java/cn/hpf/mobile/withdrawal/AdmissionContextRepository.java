package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountRepository;
import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.UUID;

/** Loads the {@link AdmissionContext} in one round trip. */
@ApplicationScoped
public class AdmissionContextRepository {

    private static final String SQL = """
            SELECT m.id_number, m.birth_date,
                   (SELECT c.member_id FROM bank_card c WHERE c.id = $2) AS card_owner,
                   f.member_id, f.purpose, f.status, coalesce(f.usable_until > now(), FALSE),
                   loans.active, loans.overdue, loans.outstanding,
                   lp.id, lp.member_id, lp.status, lp.outstanding_principal_fen,
                   -- Kept by the admission and payout statements: the repayments in flight for this loan.
                   coalesce(lp.pending_repayment_fen, 0),
                   history.last_at, history.in_period,
                   %s
            FROM account a
            JOIN member m ON m.id = a.member_id
            LEFT JOIN face_verification f ON f.id = $3
            -- One pass over the member's active loans and one over this category's withdrawals.
            CROSS JOIN LATERAL (
                SELECT count(*) AS active, count(*) FILTER (WHERE l.overdue_periods > 0) AS overdue,
                       coalesce(sum(l.outstanding_principal_fen), 0) AS outstanding
                FROM loan l WHERE l.member_id = $1 AND l.status = 'ACTIVE') loans
            CROSS JOIN LATERAL (
                SELECT max(w.created_at) AS last_at, count(*) FILTER (WHERE w.period_key = $6) AS in_period
                FROM withdrawal w WHERE w.member_id = $1 AND w.category = $5 AND w.status <> 'FAILED') history
            LEFT JOIN LATERAL (
                SELECT l.* FROM loan l
                WHERE $7 AND (($4::bigint IS NOT NULL AND l.id = $4::bigint)
                       OR ($4::bigint IS NULL AND l.member_id = $1 AND l.status = 'ACTIVE'))
                ORDER BY l.id LIMIT 1) lp ON TRUE
            WHERE a.member_id = $1
            """.formatted(AccountRepository.SNAPSHOT_COLUMNS);
    /** The account's snapshot columns follow the context's 17. */
    private static final int SNAPSHOT_FROM = 17;

    private final Pool db;

    public AdmissionContextRepository(Pool db) {
        this.db = db;
    }

    Uni<AdmissionContext> load(long memberId, Long bankCardId, UUID faceId, Long loanId, Category category,
                               String periodKey) {
        return db.preparedQuery(SQL)
                .execute(Tuple.from(Arrays.asList(memberId, bankCardId, faceId, loanId, category.code(), periodKey,
                        category.paysToLoan())))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        throw ApiException.notFound("ACCOUNT_NOT_FOUND", "No HPF account.");
                    }
                    return context(it.next());
                });
    }

    private static AdmissionContext context(Row r) {
        return new AdmissionContext(r.getString(0), r.getLocalDate(1), r.getLong(2), r.getLong(3), r.getString(4),
                r.getString(5), r.getBoolean(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10),
                r.getLong(11), r.getString(12), r.getLong(13) == null ? 0 : r.getLong(13), r.getLong(14),
                r.getOffsetDateTime(15), r.getLong(16), AccountRepository.snapshot(r, SNAPSHOT_FROM));
    }
}
