package cn.hpf.mobile.transfer.platform;

import cn.hpf.mobile.audit.AuditRepository;
import cn.hpf.mobile.common.Operator;
import cn.hpf.mobile.common.db.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The sandbox platform's state: the other centres' accounts, its transfers and its delivery queue. */
@ApplicationScoped
public class SandboxTransferPlatformRepository {

    /** An account at another centre. */
    public record OriginAccount(String centreCode, String accountNo, String idNumber, String name, long balanceFen,
                                boolean frozen) {
    }

    /** A notification to deliver {@code delayMillis} from now. */
    public record Notification(String type, String body, long delayMillis) {
    }

    /** What the origin centre answered a transfer-in: an amount, or a reason. */
    public record OriginAnswer(Long amountFen, String reasonCode, String reason, List<Notification> notifications) {
    }

    /** What our answer to a transfer-out changes; null from the decision when nothing changes. */
    public record AnswerChange(String state, String ourAnswer, Long ourAmountFen, String ourReasonCode,
                               String ourReason, Notification notification) {
    }

    public record Transfer(String transferId, String direction, UUID requestId, String originCentreCode,
                           String originAccountNo, String idNumber, String name, String destinationCentreCode,
                           String destinationAccountNo, Long amountFen, String state, String plannedOutcome,
                           String reasonCode, String reason, String ourAnswer, Long ourAmountFen,
                           String ourReasonCode, String ourReason, OffsetDateTime answeredAt,
                           OffsetDateTime createdAt) {
    }

    public record Delivery(long id, String type, String body, OffsetDateTime deliverAt, int attempts,
                           OffsetDateTime deliveredAt, OffsetDateTime gaveUpAt, Integer lastStatus) {
    }

    public record Claimed(long id, String transferId, String type, String body, int attempts) {
    }

    private static final String TRANSFER_COLUMNS = "transfer_id, direction, request_id, origin_centre_code, "
            + "origin_account_no, id_number, name, destination_centre_code, destination_account_no, amount_fen, "
            + "state, planned_outcome, reason_code, reason, our_answer, our_amount_fen, our_reason_code, our_reason, "
            + "answered_at, created_at";

    /** An operator's sandbox action, audited in the statement (the account's centre and number, no identity). */
    private static final NamedSql UPSERT_ACCOUNT = NamedSql.of("""
            WITH a AS (
                INSERT INTO sandbox_transfer_account (centre_code, account_no, id_number, name, balance_fen, frozen)
                SELECT c.code, #{accountNo}, #{idNumber}, #{name}, #{balance}, #{frozen}
                FROM transfer_centre c WHERE c.code = #{centre} AND NOT c.own
                ON CONFLICT (centre_code, account_no) DO UPDATE SET id_number = excluded.id_number,
                    name = excluded.name, balance_fen = excluded.balance_fen, frozen = excluded.frozen,
                    updated_at = now()
                RETURNING centre_code, account_no, id_number, name, balance_fen, frozen
            )%s
            SELECT centre_code, account_no, id_number, name, balance_fen, frozen FROM a
            """.formatted(AuditRepository.append("SANDBOX_ORIGIN_ACCOUNT_REGISTER").from("a")
            .by("#{actor}", "'OPS'", "NULL", "#{client}").amount("a.balance_fen")
            .target("a.centre_code || ' ' || a.account_no")
            .result("CASE WHEN a.frozen THEN 'REGISTERED FROZEN' ELSE 'REGISTERED' END").cte()));

    private static final NamedSql INSERT_IN = NamedSql.of("""
            INSERT INTO sandbox_transfer (transfer_id, direction, request_id, origin_centre_code, origin_account_no,
                id_number, name, destination_centre_code, destination_account_no, state)
            VALUES (#{id}, 'IN', #{request}, #{origin}, #{originAccount}, #{idNumber}, #{name}, #{destination},
                #{destinationAccount}, 'SUBMITTED')
            ON CONFLICT (request_id) DO NOTHING
            """);

    /** An operator's sandbox action, audited in the statement. */
    private static final NamedSql INSERT_OUT = NamedSql.of("""
            WITH t AS (
                INSERT INTO sandbox_transfer (transfer_id, direction, origin_centre_code, origin_account_no,
                    id_number, destination_centre_code, destination_account_no, state, planned_outcome)
                SELECT #{id}, 'OUT', c.code, #{accountNo}, #{idNumber}, #{destination}, #{destinationAccount},
                    'REQUESTED', #{outcome}
                FROM transfer_centre c WHERE c.own
                RETURNING transfer_id, destination_centre_code, planned_outcome
            )%s
            SELECT count(*) FROM t
            """.formatted(AuditRepository.append("SANDBOX_TRANSFER_OUT_START").from("t")
            .by("#{actor}", "'OPS'", "NULL", "#{client}").target("t.transfer_id")
            .result("'REQUESTED to ' || t.destination_centre_code || ', planned ' || t.planned_outcome").cte()));

    private static final String INSERT_DELIVERY = "INSERT INTO sandbox_transfer_delivery (transfer_id, type, body, "
            + "deliver_at) VALUES ($1, $2, $3::text::jsonb, clock_timestamp() + $4 * interval '1 millisecond')";

    // Per transfer in order: a notification waits while an earlier one of the same transfer is still undelivered.
    private static final String CLAIM = """
            WITH due AS (
                SELECT d.id FROM sandbox_transfer_delivery d
                WHERE d.delivered_at IS NULL AND d.gave_up_at IS NULL AND d.deliver_at <= clock_timestamp()
                  AND (d.locked_until IS NULL OR d.locked_until < clock_timestamp())
                  AND NOT EXISTS (SELECT 1 FROM sandbox_transfer_delivery p
                                  WHERE p.transfer_id = d.transfer_id AND p.id < d.id
                                    AND p.delivered_at IS NULL AND p.gave_up_at IS NULL)
                ORDER BY d.deliver_at
                LIMIT $2
                FOR UPDATE SKIP LOCKED
            )
            UPDATE sandbox_transfer_delivery d
            SET locked_by = $1, locked_until = clock_timestamp() + $3 * interval '1 millisecond',
                attempts = d.attempts + 1
            FROM due WHERE d.id = due.id
            RETURNING d.id, d.transfer_id, d.type, d.body::text, d.attempts
            """;

    // Only while the lease is ours; a delivered final notification also moves the transfer to its end state.
    private static final String DELIVERED = """
            WITH d AS (
                UPDATE sandbox_transfer_delivery SET delivered_at = clock_timestamp(), last_status = $3,
                    locked_by = NULL, locked_until = NULL
                WHERE id = $1 AND locked_by = $2 AND delivered_at IS NULL
                RETURNING transfer_id, type
            )
            UPDATE sandbox_transfer t SET updated_at = now(), state = CASE d.type
                    WHEN 'TRANSFER_IN_SETTLED' THEN 'SETTLED'
                    WHEN 'TRANSFER_OUT_CONFIRMED' THEN 'CONFIRMED'
                    WHEN 'TRANSFER_OUT_CANCELLED' THEN 'CANCELLED' END
            FROM d WHERE t.transfer_id = d.transfer_id
              AND d.type IN ('TRANSFER_IN_SETTLED', 'TRANSFER_OUT_CONFIRMED', 'TRANSFER_OUT_CANCELLED')
            """;

    private static final String RETRY = "UPDATE sandbox_transfer_delivery SET last_status = $3, "
            + "deliver_at = clock_timestamp() + $4 * interval '1 millisecond', locked_by = NULL, locked_until = NULL "
            + "WHERE id = $1 AND locked_by = $2";

    private static final String GIVE_UP = "UPDATE sandbox_transfer_delivery SET last_status = $3, "
            + "gave_up_at = clock_timestamp(), locked_by = NULL, locked_until = NULL WHERE id = $1 AND locked_by = $2";

    private final Pool db;

    public SandboxTransferPlatformRepository(Pool db) {
        this.db = db;
    }

    /** Empty when the centre is unknown or is ours. */
    public Uni<Optional<OriginAccount>> upsertAccount(OriginAccount a, Operator by) {
        return db.preparedQuery(UPSERT_ACCOUNT.sql())
                .execute(UPSERT_ACCOUNT.bind().set("centre", a.centreCode()).set("accountNo", a.accountNo())
                        .set("idNumber", a.idNumber()).set("name", a.name()).set("balance", a.balanceFen())
                        .set("frozen", a.frozen()).set("actor", by.subject()).set("client", by.clientAddress())
                        .tuple())
                .map(rows -> Optional.ofNullable(first(rows)).map(SandboxTransferPlatformRepository::account));
    }

    /**
     * Takes a transfer-in once per request id: a new one is answered at once by {@code answer} (with the origin
     * account, locked, if there is one), a confirmed one empties that account. Answers the transfer's id, the
     * earlier one for a repeated request.
     */
    public Uni<String> submitIn(String transferId, TransferPlatform.TransferInSubmission s,
                                Function<Optional<OriginAccount>, OriginAnswer> answer) {
        return db.withTransaction(c -> c.preparedQuery(INSERT_IN.sql())
                .execute(INSERT_IN.bind().set("id", transferId).set("request", s.requestId())
                        .set("origin", s.originCentreCode()).set("originAccount", s.originAccountNo())
                        .set("idNumber", s.idNumber()).set("name", s.name())
                        .set("destination", s.destinationCentreCode())
                        .set("destinationAccount", s.destinationAccountNo()).tuple())
                .chain(inserted -> {
                    if (inserted.rowCount() == 0) {
                        return c.preparedQuery("SELECT transfer_id FROM sandbox_transfer WHERE request_id = $1")
                                .execute(Tuple.of(s.requestId())).map(rows -> first(rows).getString(0));
                    }
                    return c.preparedQuery("SELECT centre_code, account_no, id_number, name, balance_fen, frozen "
                                    + "FROM sandbox_transfer_account WHERE centre_code = $1 AND account_no = $2 "
                                    + "FOR UPDATE")
                            .execute(Tuple.of(s.originCentreCode(), s.originAccountNo()))
                            .chain(rows -> {
                                Optional<OriginAccount> account = Optional.ofNullable(first(rows))
                                        .map(SandboxTransferPlatformRepository::account);
                                return answered(c, transferId, account, answer.apply(account));
                            })
                            .replaceWith(transferId);
                }));
    }

    private Uni<Void> answered(SqlConnection c, String transferId, Optional<OriginAccount> account, OriginAnswer a) {
        Uni<?> emptied = a.amountFen() == null ? Uni.createFrom().voidItem()
                : c.preparedQuery("UPDATE sandbox_transfer_account SET balance_fen = 0, updated_at = now() "
                        + "WHERE centre_code = $1 AND account_no = $2")
                .execute(Tuple.of(account.orElseThrow().centreCode(), account.get().accountNo()));
        return emptied
                .chain(() -> c.preparedQuery("UPDATE sandbox_transfer SET state = $2, amount_fen = $3, "
                                + "reason_code = $4, reason = $5, updated_at = now() WHERE transfer_id = $1")
                        .execute(Tuple.of(transferId, a.amountFen() == null ? "REJECTED" : "CONFIRMED",
                                a.amountFen(), a.reasonCode(), a.reason())))
                .chain(() -> schedule(c, transferId, a.notifications()));
    }

    public Uni<Void> createOut(String transferId, String accountNo, String idNumber, String destinationCentreCode,
                               String destinationAccountNo, String plannedOutcome, Notification requested,
                               Operator by) {
        return db.withTransaction(c -> c.preparedQuery(INSERT_OUT.sql())
                .execute(INSERT_OUT.bind().set("id", transferId).set("accountNo", accountNo)
                        .set("idNumber", idNumber).set("destination", destinationCentreCode)
                        .set("destinationAccount", destinationAccountNo).set("outcome", plannedOutcome)
                        .set("actor", by.subject()).set("client", by.clientAddress()).tuple())
                .chain(() -> schedule(c, transferId, List.of(requested))));
    }

    /**
     * Our answer to a transfer-out, decided by {@code change} on the locked transfer (empty when unknown); the
     * decision may throw an ApiException, which rolls everything back.
     */
    public Uni<Void> answerOut(String transferId, Function<Optional<Transfer>, AnswerChange> change) {
        return db.withTransaction(c -> c.preparedQuery("SELECT " + TRANSFER_COLUMNS
                        + " FROM sandbox_transfer WHERE transfer_id = $1 FOR UPDATE")
                .execute(Tuple.of(transferId))
                .chain(rows -> {
                    AnswerChange a = change.apply(Optional.ofNullable(first(rows))
                            .map(SandboxTransferPlatformRepository::transfer));
                    if (a == null) {
                        return Uni.createFrom().voidItem();
                    }
                    return c.preparedQuery("UPDATE sandbox_transfer SET state = $2, our_answer = $3, "
                                    + "our_amount_fen = $4, our_reason_code = $5, our_reason = $6, "
                                    + "answered_at = now(), updated_at = now() WHERE transfer_id = $1")
                            .execute(Tuple.from(java.util.Arrays.asList(transferId, a.state(), a.ourAnswer(),
                                    a.ourAmountFen(), a.ourReasonCode(), a.ourReason())))
                            .chain(() -> a.notification() == null ? Uni.createFrom().voidItem()
                                    : schedule(c, transferId, List.of(a.notification())));
                }));
    }

    private static Uni<Void> schedule(SqlConnection c, String transferId, List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        notifications.forEach(n -> batch.add(Tuple.of(transferId, n.type(), n.body(), n.delayMillis())));
        return c.preparedQuery(INSERT_DELIVERY).executeBatch(batch).replaceWithVoid();
    }

    public Uni<Optional<Transfer>> find(String transferId) {
        return db.preparedQuery("SELECT " + TRANSFER_COLUMNS + " FROM sandbox_transfer WHERE transfer_id = $1")
                .execute(Tuple.of(transferId))
                .map(rows -> Optional.ofNullable(first(rows)).map(SandboxTransferPlatformRepository::transfer));
    }

    public Uni<List<Delivery>> deliveries(String transferId) {
        return db.preparedQuery("SELECT id, type, body::text, deliver_at, attempts, delivered_at, gave_up_at, "
                        + "last_status FROM sandbox_transfer_delivery WHERE transfer_id = $1 ORDER BY id")
                .execute(Tuple.of(transferId))
                .map(rows -> {
                    List<Delivery> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Delivery(r.getLong(0), r.getString(1), r.getString(2),
                            r.getOffsetDateTime(3), r.getInteger(4), r.getOffsetDateTime(5), r.getOffsetDateTime(6),
                            r.getInteger(7))));
                    return out;
                });
    }

    /** Takes up to {@code limit} due deliveries for {@code leaseMillis}; no other replica takes them meanwhile. */
    public Uni<List<Claimed>> claim(String instance, int limit, long leaseMillis) {
        return db.preparedQuery(CLAIM).execute(Tuple.of(instance, limit, leaseMillis))
                .map(rows -> {
                    List<Claimed> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Claimed(r.getLong(0), r.getString(1), r.getString(2),
                            r.getString(3), r.getInteger(4))));
                    return out;
                });
    }

    public Uni<Void> delivered(long id, String instance, int status) {
        return db.preparedQuery(DELIVERED).execute(Tuple.of(id, instance, status)).replaceWithVoid();
    }

    public Uni<Void> retry(long id, String instance, int status, long inMillis) {
        return db.preparedQuery(RETRY).execute(Tuple.of(id, instance, status, inMillis)).replaceWithVoid();
    }

    public Uni<Void> giveUp(long id, String instance, int status) {
        return db.preparedQuery(GIVE_UP).execute(Tuple.of(id, instance, status)).replaceWithVoid();
    }

    private static OriginAccount account(Row r) {
        return new OriginAccount(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                r.getBoolean(5));
    }

    private static Transfer transfer(Row r) {
        return new Transfer(r.getString(0), r.getString(1), r.getUUID(2), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getLong(9), r.getString(10),
                r.getString(11), r.getString(12), r.getString(13), r.getString(14), r.getLong(15), r.getString(16),
                r.getString(17), r.getOffsetDateTime(18), r.getOffsetDateTime(19));
    }

    private static Row first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }
}
