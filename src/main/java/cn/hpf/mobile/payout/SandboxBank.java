package cn.hpf.mobile.payout;

import cn.hpf.mobile.audit.AuditRepository;
import cn.hpf.mobile.common.Operator;
import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.common.db.BatchedStatement;
import cn.hpf.mobile.common.db.Batcher;
import cn.hpf.mobile.common.db.NamedSql;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bank that behaves like a real one, for the demo and load tests: latency, definitive rejections, timeouts,
 * asynchronous confirmation and deduplication by withdrawal id. Its books are in PostgreSQL so that every
 * replica of the API talks to the same "bank". Outcomes are random per the config unless the withdrawal is
 * scripted in {@code sandbox_bank_script} (tests, demos). It can go silent (every answer lost) so that unknown
 * outcomes pile up, and it writes a statement file per day ({@link BankStatement}) under
 * {@code hpf.bank.sandbox.statement-dir}.
 */
@ApplicationScoped
@Typed(SandboxBank.class)
public class SandboxBank implements BankGateway {

    static final String REJECTED_CODE = "SANDBOX_REJECTED";

    /** While silent the bank still takes orders, but every answer is lost on the way back (a timeout). */
    private static final String SILENT = "coalesce((SELECT silent FROM sandbox_bank_mode), FALSE)";

    /**
     * One statement: take a scripted timeout if any, record the order unless this id is known (then count the
     * repeat and keep the first outcome), and answer with the order as the bank has it.
     */
    public static final BatchedStatement PAY_BATCH = BatchedStatement.of("hpf_sandbox_bank_pay_batch", """
            WITH script AS (
                SELECT outcome, reason_code FROM sandbox_bank_script WHERE withdrawal_id = #{withdrawal}
            ), tick AS (
                UPDATE sandbox_bank_script SET timeouts = timeouts - 1
                WHERE withdrawal_id = #{withdrawal} AND timeouts > 0
                RETURNING 1
            ), pay AS (
                INSERT INTO sandbox_bank_payment AS p (withdrawal_id, amount_fen, payee, outcome, reason_code,
                                                       bank_reference, settles_at)
                VALUES (#{withdrawal}, #{amount}, #{payee},
                        coalesce((SELECT outcome FROM script), #{outcome}),
                        CASE WHEN EXISTS (SELECT 1 FROM script) THEN (SELECT reason_code FROM script)
                             ELSE #{reasonCode} END,
                        #{bankReference},
                        CASE WHEN EXISTS (SELECT 1 FROM script) THEN now()
                             ELSE now() + #{settleMillis} * interval '1 millisecond' END)
                ON CONFLICT (withdrawal_id) DO UPDATE SET pay_calls = p.pay_calls + 1
                RETURNING p.outcome, p.reason_code, p.bank_reference, p.settles_at <= now() AS settled
            )
            SELECT EXISTS (SELECT 1 FROM tick) OR %s AS timed_out, pay.* FROM pay
            """.formatted(SILENT));

    private static final String QUERY = """
            WITH tick AS (
                UPDATE sandbox_bank_script SET timeouts = timeouts - 1
                WHERE withdrawal_id = $1 AND timeouts > 0
                RETURNING 1
            ), q AS (
                UPDATE sandbox_bank_payment p SET query_calls = p.query_calls + 1
                WHERE withdrawal_id = $1
                RETURNING p.outcome, p.reason_code, p.bank_reference, p.settles_at <= now() AS settled
            )
            SELECT EXISTS (SELECT 1 FROM tick) OR %s AS timed_out, q.* FROM (SELECT 1) one LEFT JOIN q ON TRUE
            """.formatted(SILENT);

    /** What the bank settled in [$1, $2): its statement of that day. */
    private static final String SETTLED = """
            SELECT withdrawal_id, amount_fen, outcome, bank_reference, settles_at FROM sandbox_bank_payment
            WHERE settles_at >= $1 AND settles_at < $2
            ORDER BY settles_at, withdrawal_id
            """;

    /** An operator's return, audited in the statement (changed: not returned before). */
    private static final String RETURN = """
            WITH p AS (
                SELECT withdrawal_id, amount_fen, returned_at IS NULL AS fresh FROM sandbox_bank_payment
                WHERE withdrawal_id = $1 AND outcome = 'PAID' AND settles_at <= now() FOR UPDATE
            ), u AS (
                UPDATE sandbox_bank_payment b
                SET returned_at = coalesce(b.returned_at, now()), return_reason = coalesce(b.return_reason, $2)
                FROM p WHERE b.withdrawal_id = p.withdrawal_id
                RETURNING b.withdrawal_id, b.return_reason
            )%s
            SELECT withdrawal_id FROM u
            """.formatted(AuditRepository.append("SANDBOX_BANK_RETURN").from("p JOIN u USING (withdrawal_id)")
            .by("$3", "'OPS'", "NULL", "$4").amount("p.amount_fen").target("p.withdrawal_id")
            .result("'RETURNED ' || u.return_reason").reason("$2").changed("p.fresh").cte());

    /** The operator's switch, audited in the statement. */
    private static final String SILENCE = """
            WITH o AS (
                SELECT id, silent FROM sandbox_bank_mode FOR UPDATE
            ), u AS (
                UPDATE sandbox_bank_mode m SET silent = $1 FROM o WHERE m.id = o.id RETURNING m.silent
            )%s
            SELECT silent FROM u
            """.formatted(AuditRepository.append("SANDBOX_BANK_SILENCE").from("o").by("$2", "'OPS'", "NULL", "$3")
            .target("'sandbox bank'").result("CASE WHEN $1 THEN 'SILENT' ELSE 'SPEAKING' END")
            .changed("o.silent <> $1").cte());

    /** A statement file written on an operator's request: the file is not a row of ours, so a statement of its own. */
    private static final String STATEMENT_WRITTEN = AuditRepository.append("SANDBOX_BANK_STATEMENT").from("one")
            .by("$1", "'OPS'", "NULL", "$2").amount("$4").target("$3")
            .result("'WRITTEN ' || $5 || ' line(s)'").statement();

    private final Pool db;
    private final SandboxBankConfig config;
    /** Orders that arrive together are booked together, as a bank's own ledger would. */
    private final Batcher<NamedSql.Binding, BankResult> orders;

    public SandboxBank(Pool db, SandboxBankConfig config) {
        this.db = db;
        this.config = config;
        this.orders = new Batcher<>("sandbox bank order", BatchedStatement.MAX_ITEMS, 2, this::book, size -> {
        });
    }

    /** Silent: orders are still received and settled, but no answer reaches the centre until it speaks again. */
    public Uni<Boolean> silence(boolean silent, Operator by) {
        return db.preparedQuery(SILENCE).execute(Tuple.of(silent, by.subject(), by.clientAddress()))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Audits a statement file the operator had written. */
    public Uni<Void> statementWritten(BankStatement statement, Operator by) {
        return db.preparedQuery(STATEMENT_WRITTEN).execute(Tuple.of(by.subject(), by.clientAddress(),
                statement.date().toString(), statement.totalFen(), Integer.toString(statement.lines().size())))
                .replaceWithVoid();
    }

    public Uni<Boolean> silent() {
        return db.query("SELECT " + SILENT).execute().map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Where the statement of this day is written, and read back. */
    public Path statementFile(LocalDate date) {
        return Path.of(config.statementDir()).resolve("statement-" + date + ".csv");
    }

    /**
     * Writes the day's statement from the bank's books (replacing one written before): to a temporary file first,
     * then moved into place, so a reader never sees half a file. The file IO runs on a worker thread.
     */
    public Uni<BankStatement> writeStatement(LocalDate date) {
        OffsetDateTime from = date.atStartOfDay(Zones.SHANGHAI).toOffsetDateTime();
        OffsetDateTime to = date.plusDays(1).atStartOfDay(Zones.SHANGHAI).toOffsetDateTime();
        return db.preparedQuery(SETTLED).execute(Tuple.of(from, to)).map(rows -> {
            List<BankStatement.Line> lines = new ArrayList<>(rows.size());
            for (Row r : rows) {
                lines.add(new BankStatement.Line(r.getUUID(0), r.getLong(1), r.getString(2), r.getString(3),
                        r.getOffsetDateTime(4).toInstant()));
            }
            return BankStatement.of(date, lines);
        }).chain(statement -> Uni.createFrom().item(() -> {
            Path file = statementFile(date);
            try {
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
                Files.writeString(tmp, statement.format(), StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return statement;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /** Writes the day's statement unless the file is there: true when it wrote one. */
    public Uni<Boolean> writeStatementIfMissing(LocalDate date) {
        return Uni.createFrom().item(() -> Files.exists(statementFile(date)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(exists -> exists ? Uni.createFrom().item(false) : writeStatement(date).replaceWith(true));
    }

    @Override
    public Uni<BankStatement> dailyStatement(LocalDate date) {
        return Uni.createFrom().item(() -> {
            Path file = statementFile(date);
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw Refusal.BANK_STATEMENT_NOT_AVAILABLE.error("The bank has not delivered its statement of " + date
                        + " yet (the sandbox bank writes each day's after the day, or on POST "
                        + "/sandbox/bank/statements).");
            } catch (IOException e) {
                throw Refusal.BANK_STATEMENT_UNAVAILABLE.error("The bank's statement of " + date + " cannot be read ("
                        + e.getClass().getSimpleName() + "); nothing was reconciled.");
            }
            return BankStatement.parse(date, lines);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public Uni<BankResult> pay(PayoutOrder order) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean reject = random.nextDouble() < config.failureRate();
        long settleMillis = random.nextDouble() < config.asyncConfirmRate()
                ? uniformMillis(config.confirmDelayMin(), config.confirmDelayMax()) : 0L;
        byte[] ref = new byte[10];
        random.nextBytes(ref);
        NamedSql.Binding args = PAY_BATCH.item().bind().set("withdrawal", order.withdrawalId())
                .set("amount", order.amountFen()).set("payee", order.payee().describe())
                .set("outcome", reject ? "REJECTED" : "PAID").set("reasonCode", reject ? REJECTED_CODE : null)
                .set("bankReference", "SBX" + HexFormat.of().formatHex(ref)).set("settleMillis", settleMillis);
        return afterLatency().chain(() -> orders.submit(args));
    }

    private Uni<Void> book(List<Batcher.Pending<NamedSql.Binding, BankResult>> calls) {
        NamedSql.Binding call = PAY_BATCH.call().bind().set("items", PAY_BATCH.itemsOf(calls));
        return db.preparedQuery(PAY_BATCH.call().sql()).execute(call.tuple())
                .invoke(rows -> BatchedStatement.answer(rows, calls, this::answer, e -> e))
                .replaceWithVoid();
    }

    @Override
    public Uni<BankResult> query(UUID withdrawalId) {
        return afterLatency().chain(() -> db.preparedQuery(QUERY).execute(Tuple.of(withdrawalId)))
                .map(rows -> answer(rows.iterator().next()));
    }

    /**
     * Simulates the bank sending a paid payout back (closed account, ...): true when a paid, settled order was
     * found and is now marked returned (again true on a repeat).
     */
    public Uni<Boolean> recordReturn(UUID withdrawalId, String reason, Operator by) {
        return db.preparedQuery(RETURN).execute(Tuple.of(withdrawalId, reason, by.subject(), by.clientAddress()))
                .map(rows -> rows.rowCount() > 0);
    }

    private BankResult answer(Row r) {
        if (r.getBoolean("timed_out") || ThreadLocalRandom.current().nextDouble() < config.timeoutRate()) {
            return new BankResult.Pending("TIMEOUT");
        }
        String outcome = r.getString("outcome");
        if (outcome == null) {
            return new BankResult.NotFound();
        }
        if (!r.getBoolean("settled")) {
            return new BankResult.Pending("PROCESSING");
        }
        return "PAID".equals(outcome)
                ? new BankResult.Paid(r.getString("bank_reference"))
                : new BankResult.Rejected(r.getString("reason_code"), "The sandbox bank refused the payout.");
    }

    private Uni<Void> afterLatency() {
        long millis = uniformMillis(config.latencyMin(), config.latencyMax());
        Uni<Void> now = Uni.createFrom().voidItem();
        return millis <= 0 ? now : now.onItem().delayIt().by(Duration.ofMillis(millis));
    }

    private static long uniformMillis(Duration min, Duration max) {
        long lo = min.toMillis();
        long hi = Math.max(lo, max.toMillis());
        return lo == hi ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
    }
}
