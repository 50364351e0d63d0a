package cn.hpf.mobile.transfer;

import cn.hpf.mobile.account.AccountRepository;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.account.AccountStatus;
import cn.hpf.mobile.audit.AuditRepository;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.common.db.BoundedWrites;
import cn.hpf.mobile.common.db.NamedSql;
import cn.hpf.mobile.common.idempotency.IdempotencyRepository;
import cn.hpf.mobile.withdrawal.AdmissionConfig;
import cn.hpf.mobile.withdrawal.HoldGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of transfers between cities: one statement per state change. The money steps (a transfer-out's hold,
 * post and void; a transfer-in's credit) are bounded writes ({@link BoundedWrites}) whose outcome is decided within
 * admission's write timeout, so that the one reconciliation of Redis holds judges a transfer-out's hold as it
 * judges a withdrawal's.
 */
@ApplicationScoped
public class TransferRepository {

    static final String REQUEST_IN_OPERATION = "POST /v1/me/transfers-in";

    private static final String IN_COLUMNS = "t.id, t.member_id, t.origin_centre_code, c.name_zh AS centre_name, "
            + "t.origin_account_no, t.status, t.platform_transfer_id, t.amount_fen, t.reason_code, t.reason, "
            + "t.created_at, t.updated_at";
    private static final String OUT_COLUMNS = "t.id, t.member_id, t.platform_transfer_id, t.destination_centre_code, "
            + "c.name_zh AS centre_name, t.status, t.amount_fen, t.reason_code, t.reason, t.created_at, t.updated_at, "
            + "t.answered_at";

    /** The member's request and its idempotency record, in one statement. */
    private static final NamedSql REQUEST_IN = NamedSql.of("""
            WITH t AS (
                INSERT INTO transfer_in (id, member_id, origin_centre_code, origin_account_no, status, channel, actor,
                                         app_id, created_at, updated_at)
                VALUES (#{id}, #{member}, #{centre}, #{account}, %s, #{channel}, #{actor}, #{appId}, #{createdAt},
                        #{createdAt})
                RETURNING id, member_id, channel, actor, app_id, status, origin_centre_code
            )%s, idem AS (
                %s
            )
            SELECT id FROM t
            """.formatted(TransferInStatus.REQUESTED.sql(), AuditRepository.append("TRANSFER_IN_REQUESTED").from("t")
                    .by("t.actor", "t.channel", "t.app_id", "#{client}").member("t.member_id").target("t.id")
                    .result("t.status || ' from ' || t.origin_centre_code").cte(),
            IdempotencyRepository.insertFrom("t", "#{member}", "'" + REQUEST_IN_OPERATION + "'", "#{idemKey}",
                    "#{requestHash}", "201", "#{body}", "#{id}::text")));

    /** What the platform needs to find the member's account at the origin centre. */
    private static final String SUBMISSION = """
            SELECT t.id, t.origin_centre_code, t.origin_account_no, m.id_number, m.name, m.member_no,
                   (SELECT code FROM transfer_centre WHERE own) AS own_centre
            FROM transfer_in t JOIN member m ON m.id = t.member_id
            WHERE t.id = $1""";

    private static final String SUBMITTED = """
            UPDATE transfer_in SET platform_transfer_id = $2, submitted_at = coalesce(submitted_at, now())
            WHERE id = $1 AND (platform_transfer_id IS NULL OR platform_transfer_id = $2)""";

    private static final String UNSUBMITTED = """
            SELECT id FROM transfer_in
            WHERE platform_transfer_id IS NULL AND status = 'REQUESTED' AND created_at < now() - $1 * interval '1 ms'
            ORDER BY created_at LIMIT $2""";

    /** A transfer-in named by a notification: by our id and, once known, the platform's (they must agree). */
    private static final String IN_BY_PLATFORM = "SELECT " + IN_COLUMNS + """
             FROM transfer_in t JOIN transfer_centre c ON c.code = t.origin_centre_code
            WHERE (t.id = $1 OR t.platform_transfer_id = $2)
            ORDER BY (t.platform_transfer_id = $2) IS TRUE DESC, (t.id = $1) IS TRUE DESC
            LIMIT 1""";

    private static final NamedSql CONFIRM_IN = NamedSql.of("""
            WITH t AS (
                UPDATE transfer_in SET status = %s, amount_fen = #{amount}, confirmed_at = now(), updated_at = now(),
                                       platform_transfer_id = #{transferId}
                WHERE id = #{id} AND status IN (%s)
                  AND (platform_transfer_id IS NULL OR platform_transfer_id = #{transferId})
                RETURNING *
            )
            SELECT %s FROM t JOIN transfer_centre c ON c.code = t.origin_centre_code
            """.formatted(TransferInStatus.CONFIRMED.sql(), TransferInStatus.CONFIRMED.sqlFrom(), IN_COLUMNS));

    private static final NamedSql REJECT_IN = NamedSql.of("""
            WITH t AS (
                UPDATE transfer_in SET status = %s, reason_code = #{reasonCode}, reason = #{reason},
                                       finished_at = now(), updated_at = now(),
                                       platform_transfer_id = coalesce(platform_transfer_id, #{transferId})
                WHERE id = #{id} AND status IN (%s)
                  AND (platform_transfer_id IS NULL OR platform_transfer_id = #{transferId})
                RETURNING *
            )
            SELECT %s FROM t JOIN transfer_centre c ON c.code = t.origin_centre_code
            """.formatted(TransferInStatus.REJECTED.sql(), TransferInStatus.REJECTED.sqlFrom(), IN_COLUMNS));

    /**
     * The money arrived: the TRANSFER_IN entry (unique per platform transfer id, so never twice), the balance up,
     * the transfer CREDITED with its entry. The transfer's row is locked first, so a repeated notification waits and
     * then finds it no longer CONFIRMED.
     */
    private static final NamedSql CREDIT_IN = NamedSql.of("""
            WITH gate AS (
                SELECT %s AS open
            ), t AS (
                SELECT t.* FROM transfer_in t
                WHERE t.platform_transfer_id = #{transferId} AND t.status IN (%s) AND t.amount_fen = #{amount}
                  AND (SELECT open FROM gate)
                FOR UPDATE
            ), acc AS (
                UPDATE account a SET %s FROM t WHERE a.member_id = t.member_id
                RETURNING a.*
            ), entry AS (
                INSERT INTO ledger_entry (member_id, type, amount_fen, balance_after_fen, description, reference,
                                          channel, actor, app_id)
                SELECT acc.member_id, 'TRANSFER_IN', t.amount_fen, acc.balance_fen,
                       '转入 Transfer in from ' || c.name_zh, t.platform_transfer_id, t.channel, t.actor, t.app_id
                FROM acc, t JOIN transfer_centre c ON c.code = t.origin_centre_code
                RETURNING id
            ), done AS (
                UPDATE transfer_in x SET status = %s, ledger_entry_id = entry.id, finished_at = now(),
                                         updated_at = now()
                FROM t, entry WHERE x.id = t.id
                RETURNING x.*
            )%s
            SELECT %s, hpf_must((SELECT count(*) FROM done) = (SELECT count(*) FROM t), 'CREDITED without its entry')
                       AS credited
            FROM (SELECT 1) one LEFT JOIN (acc a JOIN member m ON m.id = a.member_id) ON TRUE
            """.formatted(BoundedWrites.START_GUARD, TransferInStatus.CREDITED.sqlFrom(),
            AccountRepository.credit("t.amount_fen"), TransferInStatus.CREDITED.sql(),
            AuditRepository.append("TRANSFER_IN_CREDITED").from("done")
                    .by("'platform:' || done.origin_centre_code", "'PLATFORM'", "done.app_id", "NULL")
                    .member("done.member_id").amount("done.amount_fen").target("done.id")
                    .result("done.status || ' ' || done.platform_transfer_id").cte(),
            AccountRepository.SNAPSHOT_COLUMNS));

    private static final String IN_FOR_MEMBER = "SELECT " + IN_COLUMNS + """
             FROM transfer_in t JOIN transfer_centre c ON c.code = t.origin_centre_code
            WHERE t.id = $1 AND t.member_id = $2""";

    private static final String IN_LIST = "SELECT " + IN_COLUMNS + """
             FROM transfer_in t JOIN transfer_centre c ON c.code = t.origin_centre_code
            WHERE t.member_id = $1 ORDER BY t.created_at DESC, t.id DESC LIMIT $2""";

    /** The member the platform names, with what the transfer-out's rules read. */
    private static final String OUT_MEMBER = "SELECT " + AccountRepository.SNAPSHOT_COLUMNS + """
            , (SELECT count(*) FROM loan l WHERE l.member_id = a.member_id AND l.status = 'ACTIVE') AS active_loans,
              (SELECT code FROM transfer_centre WHERE own) AS own_centre
            FROM member m JOIN account a ON a.member_id = m.id
            WHERE m.member_no = $1 AND m.id_number = $2""";

    /**
     * The audit row of a transfer-out step, for each transfer_out row {@code t} it changed: the platform acts for the
     * destination centre, on the member's request made there.
     */
    private static String outAudit(String action, String t) {
        return AuditRepository.append(action).from(t).by("'platform:' || " + t + ".destination_centre_code",
                        "'PLATFORM'", "NULL", "NULL").member(t + ".member_id").amount(t + ".amount_fen")
                .target(t + ".id").result(t + ".status").cte();
    }

    /**
     * The transfer-out's hold: the whole available balance, under the guard every hold passes (a frozen or closed
     * account refuses, a closing debit needs nothing else held), and its HELD row; or the refusal, raised.
     */
    private static final NamedSql HOLD_OUT = NamedSql.of("""
            WITH gate AS (
                SELECT %s AS open
            ), acc AS (
                UPDATE account a SET held_fen = a.held_fen + #{amount}, version = a.version + 1, updated_at = now()
                FROM member m
                WHERE a.member_id = #{member} AND m.id = a.member_id AND %s AND (SELECT open FROM gate)
                  -- An HPF loan here must be repaid before the account can move (it is secured on this account).
                  AND NOT EXISTS (SELECT 1 FROM loan l WHERE l.member_id = #{member} AND l.status = 'ACTIVE')
                RETURNING %s
            ), t AS (
                INSERT INTO transfer_out (id, platform_transfer_id, member_id, destination_centre_code,
                                          destination_account_no, status, amount_fen, created_at, updated_at)
                SELECT #{id}, #{transferId}, #{member}, #{centre}, #{destinationAccount}, %s, #{amount}, now(), now()
                FROM acc
                RETURNING id, member_id, amount_fen, status, destination_centre_code
            )%s
            SELECT acc.*, CASE
                WHEN NOT (SELECT open FROM gate) THEN %s
                WHEN NOT EXISTS (SELECT 1 FROM acc)
                     AND EXISTS (SELECT 1 FROM loan l WHERE l.member_id = #{member} AND l.status = 'ACTIVE') THEN %s
                WHEN NOT EXISTS (SELECT 1 FROM acc) THEN %s
                WHEN NOT EXISTS (SELECT 1 FROM t) THEN %s
            END AS refused
            FROM (SELECT 1) one LEFT JOIN acc ON TRUE
            """.formatted(BoundedWrites.START_GUARD, HoldGuard.ACCOUNT_ALLOWS, AccountRepository.SNAPSHOT_COLUMNS,
            TransferOutStatus.HELD.sql(), outAudit("TRANSFER_OUT_HELD", "t"), Refusal.TRANSFER_UNAVAILABLE.raise(),
            Refusal.LOAN_OUTSTANDING.raise(),
            HoldGuard.REFUSAL,
            Refusal.TRANSFER_UNAVAILABLE.raise()));

    /** Nothing held: the refusal is the transfer's answer, kept so that a repeated request gets the same one. */
    private static final String REFUSE_OUT = """
            INSERT INTO transfer_out (id, platform_transfer_id, member_id, destination_centre_code,
                                      destination_account_no, status, amount_fen, reason_code, reason, created_at,
                                      updated_at, finished_at)
            VALUES ($1, $2, $3, $4, $5, %s, 0, $6, $7, now(), now(), now())
            ON CONFLICT DO NOTHING""".formatted(TransferOutStatus.REFUSED.sql());

    private static final String OUT_BY_PLATFORM = "SELECT " + OUT_COLUMNS + """
             FROM transfer_out t LEFT JOIN transfer_centre c ON c.code = t.destination_centre_code
            WHERE t.platform_transfer_id = $1""";

    /**
     * The platform confirmed: the hold becomes a TRANSFER_OUT entry (unique per platform transfer id), balance and
     * held drop together, and the account closes by the closing rule when nothing is left in it.
     */
    private static final NamedSql POST_OUT = NamedSql.of("""
            WITH gate AS (
                SELECT %s AS open
            ), t AS (
                SELECT t.* FROM transfer_out t
                WHERE t.platform_transfer_id = #{transferId} AND t.status IN (%s) AND (SELECT open FROM gate)
                FOR UPDATE
            ), acc AS (
                UPDATE account a SET %s FROM t WHERE a.member_id = t.member_id
                RETURNING a.*
            ), entry AS (
                INSERT INTO ledger_entry (member_id, type, amount_fen, balance_after_fen, description, reference,
                                          channel, actor)
                SELECT acc.member_id, 'TRANSFER_OUT', -t.amount_fen, acc.balance_fen,
                       '转出 Transfer out to ' || coalesce(c.name_zh, t.destination_centre_code),
                       t.platform_transfer_id, 'PLATFORM', 'platform:' || t.destination_centre_code
                FROM acc, t LEFT JOIN transfer_centre c ON c.code = t.destination_centre_code
                RETURNING id
            ), done AS (
                UPDATE transfer_out x SET status = %s, ledger_entry_id = entry.id, finished_at = now(),
                                          updated_at = now()
                FROM t, entry WHERE x.id = t.id
                RETURNING x.*
            )%s
            SELECT %s, hpf_must((SELECT count(*) FROM done) = (SELECT count(*) FROM t), 'POSTED without its debit')
                       AS posted
            FROM (SELECT 1) one LEFT JOIN (acc a JOIN member m ON m.id = a.member_id) ON TRUE
            """.formatted(BoundedWrites.START_GUARD, TransferOutStatus.POSTED.sqlFrom(),
            AccountRepository.postHeldDebit("t.amount_fen", "TRUE"), TransferOutStatus.POSTED.sql(),
            outAudit("TRANSFER_OUT_POSTED", "done"),
            AccountRepository.SNAPSHOT_COLUMNS));

    /** The platform cancelled: the hold is given back. */
    private static final NamedSql VOID_OUT = NamedSql.of("""
            WITH gate AS (
                SELECT %s AS open
            ), t AS (
                UPDATE transfer_out SET status = %s, reason_code = #{reasonCode}, reason = #{reason},
                                        finished_at = now(), updated_at = now()
                WHERE platform_transfer_id = #{transferId} AND status IN (%s) AND (SELECT open FROM gate)
                RETURNING *
            ), acc AS (
                UPDATE account a SET held_fen = a.held_fen - t.amount_fen, version = a.version + 1, updated_at = now()
                FROM t WHERE a.member_id = t.member_id
                RETURNING a.*
            )%s
            SELECT %s FROM acc a JOIN member m ON m.id = a.member_id
            """.formatted(BoundedWrites.START_GUARD, TransferOutStatus.VOIDED.sql(),
            TransferOutStatus.VOIDED.sqlFrom(), outAudit("TRANSFER_OUT_VOIDED", "t"),
            AccountRepository.SNAPSHOT_COLUMNS));

    private static final String ANSWERED = """
            UPDATE transfer_out SET answered_at = coalesce(answered_at, now()) WHERE platform_transfer_id = $1""";

    private static final String UNANSWERED = """
            SELECT platform_transfer_id FROM transfer_out
            WHERE answered_at IS NULL AND created_at < now() - $1 * interval '1 ms'
            ORDER BY created_at LIMIT $2""";

    private static final String OUT_FOR_MEMBER = "SELECT " + OUT_COLUMNS + """
             FROM transfer_out t LEFT JOIN transfer_centre c ON c.code = t.destination_centre_code
            WHERE t.id = $1 AND t.member_id = $2""";

    private static final String OUT_LIST = "SELECT " + OUT_COLUMNS + """
             FROM transfer_out t LEFT JOIN transfer_centre c ON c.code = t.destination_centre_code
            WHERE t.member_id = $1 ORDER BY t.created_at DESC, t.id DESC LIMIT $2""";

    private final Pool db;
    private final BoundedWrites writes;
    private final Duration writeTimeout;

    public TransferRepository(Pool db, BoundedWrites writes, AdmissionConfig admission) {
        this.db = db;
        this.writes = writes;
        this.writeTimeout = admission.writeTimeout();
    }

    // --- centres ---

    Uni<List<TransferCentre>> centres() {
        return db.query("SELECT code, name_zh, name_en, own FROM transfer_centre ORDER BY own DESC, code").execute()
                .map(rows -> {
                    List<TransferCentre> all = new ArrayList<>();
                    rows.forEach(r -> all.add(new TransferCentre(r.getString("code"), r.getString("name_zh"),
                            r.getString("name_en"), r.getBoolean("own"))));
                    return all;
                });
    }

    // --- transfer in ---

    /** The request and its idempotency record; fails with the unique violation when one is open already. */
    Uni<Void> requestIn(UUID id, Caller caller, String centre, String account, OffsetDateTime createdAt,
                        String idemKey, String requestHash, String body) {
        NamedSql.Binding b = REQUEST_IN.bind().set("id", id).set("member", caller.memberId()).set("centre", centre)
                .set("account", account).set("channel", caller.channel().name()).set("actor", caller.actor())
                .set("appId", caller.appId()).set("client", caller.clientAddress())
                .set("createdAt", createdAt).set("idemKey", idemKey).set("requestHash", requestHash).set("body", body);
        return db.preparedQuery(REQUEST_IN.sql()).execute(b.tuple()).replaceWithVoid();
    }

    static boolean isAlreadyOpen(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && "transfer_in_one_open".equals(pg.getConstraint());
    }

    record Submission(UUID id, String originCentreCode, String originAccountNo, String idNumber, String name,
                      String memberNo, String ownCentre) {
    }

    Uni<Submission> submission(UUID id) {
        return db.preparedQuery(SUBMISSION).execute(Tuple.of(id)).map(rows -> {
            Row r = first(rows);
            return r == null ? null : new Submission(r.getUUID("id"), r.getString("origin_centre_code"),
                    r.getString("origin_account_no"), r.getString("id_number"), r.getString("name"),
                    r.getString("member_no"), r.getString("own_centre"));
        });
    }

    /** The platform took the request under this id; false when another id was recorded first. */
    Uni<Boolean> submitted(UUID id, String platformTransferId) {
        return db.preparedQuery(SUBMITTED).execute(Tuple.of(id, platformTransferId)).map(r -> r.rowCount() == 1);
    }

    Uni<List<UUID>> unsubmitted(Duration olderThan, int limit) {
        return db.preparedQuery(UNSUBMITTED).execute(Tuple.of(olderThan.toMillis(), limit)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getUUID("id")));
            return ids;
        });
    }

    /** The transfer-in a notification names: by our id, else by the platform's. */
    Uni<TransferIn> inFor(UUID requestId, String platformTransferId) {
        return db.preparedQuery(IN_BY_PLATFORM).execute(Tuple.of(requestId, platformTransferId))
                .map(rows -> one(rows, TransferRepository::transferIn));
    }

    /** REQUESTED → CONFIRMED with the amount; null when it was not REQUESTED (or names another platform id). */
    Uni<TransferIn> confirmIn(UUID id, String platformTransferId, long amountFen) {
        NamedSql.Binding b = CONFIRM_IN.bind().set("id", id).set("transferId", platformTransferId)
                .set("amount", amountFen);
        return db.preparedQuery(CONFIRM_IN.sql()).execute(b.tuple()).map(rows -> one(rows, TransferRepository::transferIn));
    }

    Uni<TransferIn> rejectIn(UUID id, String platformTransferId, String reasonCode, String reason) {
        NamedSql.Binding b = REJECT_IN.bind().set("id", id).set("transferId", platformTransferId)
                .set("reasonCode", reasonCode).set("reason", reason);
        return db.preparedQuery(REJECT_IN.sql()).execute(b.tuple()).map(rows -> one(rows, TransferRepository::transferIn));
    }

    /** CONFIRMED → CREDITED; the account after it, or null when the transfer was not CONFIRMED at this amount. */
    Uni<AccountSnapshot> creditIn(String platformTransferId, long amountFen) {
        NamedSql.Binding b = CREDIT_IN.bind().set("transferId", platformTransferId).set("amount", amountFen);
        return writes.execute(db, CREDIT_IN, b, writeTimeout, Refusal.TRANSFER_UNAVAILABLE,
                        "The credit's outcome is not known yet; the platform repeats the notification.")
                .map(TransferRepository::accountAfter);
    }

    Uni<TransferIn> inForMember(UUID id, long memberId) {
        return db.preparedQuery(IN_FOR_MEMBER).execute(Tuple.of(id, memberId)).map(rows -> one(rows, TransferRepository::transferIn));
    }

    Uni<List<TransferIn>> inList(long memberId, int limit) {
        return db.preparedQuery(IN_LIST).execute(Tuple.of(memberId, limit)).map(rows -> {
            List<TransferIn> all = new ArrayList<>();
            rows.forEach(r -> all.add(transferIn(r)));
            return all;
        });
    }

    /** A transfer-in row, mapped in one place. */
    record TransferIn(long memberId, TransferInView view) {
        TransferInStatus status() {
            return TransferInStatus.valueOf(view.status());
        }
    }

    private static TransferIn transferIn(Row r) {
        return new TransferIn(r.getLong("member_id"), new TransferInView(r.getUUID("id"),
                r.getString("origin_centre_code"), r.getString("centre_name"), r.getString("origin_account_no"),
                r.getString("status"), r.getString("platform_transfer_id"), r.getLong("amount_fen"),
                r.getString("reason_code"), r.getString("reason"), r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("updated_at").toInstant()));
    }

    // --- transfer out ---

    /** The member the platform names, with her account and her active loans; null when none matches. */
    record OutMember(AccountSnapshot account, long activeLoans, String ownCentre) {
    }

    Uni<OutMember> outMember(String memberNo, String idNumber) {
        return db.preparedQuery(OUT_MEMBER).execute(Tuple.of(memberNo, idNumber)).map(rows -> {
            Row r = first(rows);
            return r == null ? null : new OutMember(AccountRepository.snapshot(r), r.getLong("active_loans"),
                    r.getString("own_centre"));
        });
    }

    /** Holds the amount and writes the HELD row; the account after it. A refusal fails with {@link Refused}. */
    Uni<AccountSnapshot> holdOut(UUID id, String platformTransferId, long memberId, String centre,
                                 String destinationAccount, long amountFen) {
        NamedSql.Binding b = HOLD_OUT.bind().set("id", id).set("transferId", platformTransferId)
                .set("member", memberId).set("centre", centre).set("destinationAccount", destinationAccount)
                .set("amount", amountFen)
                .set("allowedStatuses", new String[]{AccountStatus.NORMAL.name(), AccountStatus.SEALED.name()})
                .set("wholeBalance", true).set("closesAccount", true);
        return writes.execute(db, HOLD_OUT, b, writeTimeout, Refusal.TRANSFER_UNAVAILABLE,
                        "The hold's outcome is not known yet; the platform repeats the request.")
                .map(rows -> AccountRepository.snapshot(rows.iterator().next()))
                .onFailure(PgException.class).transform(e -> {
                    Refusal refusal = Refusal.raisedBy(e);
                    return refusal == null ? e : new Refused(refusal);
                });
    }

    /** PostgreSQL refused the hold (the statement rolled back). */
    static final class Refused extends RuntimeException {
        final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }
    }

    Uni<Void> refuseOut(UUID id, String platformTransferId, long memberId, String centre, String destinationAccount,
                        String reasonCode, String reason) {
        return db.preparedQuery(REFUSE_OUT).execute(Tuple.tuple(List.of(id, platformTransferId, memberId, centre,
                        destinationAccount == null ? "" : destinationAccount, reasonCode, reason)))
                .replaceWithVoid();
    }

    Uni<TransferOut> outFor(String platformTransferId) {
        return db.preparedQuery(OUT_BY_PLATFORM).execute(Tuple.of(platformTransferId)).map(rows -> one(rows, TransferRepository::transferOut));
    }

    /** HELD → POSTED; the account after it, or null when the transfer was not HELD. */
    Uni<AccountSnapshot> postOut(String platformTransferId) {
        NamedSql.Binding b = POST_OUT.bind().set("transferId", platformTransferId);
        return writes.execute(db, POST_OUT, b, writeTimeout, Refusal.TRANSFER_UNAVAILABLE,
                        "The posting's outcome is not known yet; the platform repeats the notification.")
                .map(TransferRepository::accountAfter);
    }

    /** HELD → VOIDED; the account after it, or null when the transfer was not HELD. */
    Uni<AccountSnapshot> voidOut(String platformTransferId, String reasonCode, String reason) {
        NamedSql.Binding b = VOID_OUT.bind().set("transferId", platformTransferId).set("reasonCode", reasonCode)
                .set("reason", reason);
        return writes.execute(db, VOID_OUT, b, writeTimeout, Refusal.TRANSFER_UNAVAILABLE,
                        "The void's outcome is not known yet; the platform repeats the notification.")
                .map(TransferRepository::accountAfter);
    }

    Uni<Void> answered(String platformTransferId) {
        return db.preparedQuery(ANSWERED).execute(Tuple.of(platformTransferId)).replaceWithVoid();
    }

    Uni<List<String>> unanswered(Duration olderThan, int limit) {
        return db.preparedQuery(UNANSWERED).execute(Tuple.of(olderThan.toMillis(), limit)).map(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getString(0)));
            return ids;
        });
    }

    Uni<TransferOut> outForMember(UUID id, long memberId) {
        return db.preparedQuery(OUT_FOR_MEMBER).execute(Tuple.of(id, memberId)).map(rows -> one(rows, TransferRepository::transferOut));
    }

    Uni<List<TransferOut>> outList(long memberId, int limit) {
        return db.preparedQuery(OUT_LIST).execute(Tuple.of(memberId, limit)).map(rows -> {
            List<TransferOut> all = new ArrayList<>();
            rows.forEach(r -> all.add(transferOut(r)));
            return all;
        });
    }

    /** A transfer-out row, mapped in one place. */
    record TransferOut(long memberId, boolean answered, TransferOutView view) {
        TransferOutStatus status() {
            return TransferOutStatus.valueOf(view.status());
        }
    }

    private static TransferOut transferOut(Row r) {
        return new TransferOut(r.getLong("member_id"), r.getOffsetDateTime("answered_at") != null,
                new TransferOutView(r.getUUID("id"), r.getString("platform_transfer_id"),
                        r.getString("destination_centre_code"), r.getString("centre_name"), r.getString("status"),
                        r.getLong("amount_fen"), r.getString("reason_code"), r.getString("reason"),
                        r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant()));
    }

    /** The account a money step answered, or null when the step found nothing to do. */
    private static AccountSnapshot accountAfter(RowSet<Row> rows) {
        Row r = first(rows);
        return r == null || r.getValue("member_id") == null ? null : AccountRepository.snapshot(r);
    }

    private static <T> T one(RowSet<Row> rows, java.util.function.Function<Row, T> map) {
        Row r = first(rows);
        return r == null ? null : map.apply(r);
    }

    private static Row first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }
}
