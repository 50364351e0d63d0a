package cn.hpf.mobile.audit;

import cn.hpf.mobile.common.db.LongQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log's SQL: the CTE every audited statement appends its row with ({@link #append}), the sealing
 * statement, the operators' read and the chain's verification.
 */
@ApplicationScoped
public class AuditRepository {

    /** The hash over the canonical text of the rows {@code a} of one range, in id order. */
    private static final String ROWS_HASH = "encode(sha256(convert_to(coalesce(string_agg(hpf_audit_row_text(a), "
            + "E'\\n' ORDER BY a.id), ''), 'UTF8')), 'hex')";

    /**
     * The next seal, computed but not stored: the range runs from the row after the last seal up to the highest id
     * among the next {@code $2} rows whose transaction started more than {@code $1} ms ago, every id in between
     * included whatever its time. Ids are handed out in order but committed out of order (and some never: rolled
     * back), so a range may only end where no lower id can still commit: a row whose transaction started before
     * now − margin got its id before the range's end did, and every transaction ends within the longest statement
     * time, so with a margin above twice that, every id up to the end is committed or gone for good by now, and the
     * range still holds the same rows when the seal is stored by {@link #STORE_SEAL}.
     */
    private static final String NEXT_SEAL = """
            WITH last AS (
                SELECT id, last_id, hash FROM audit_seal ORDER BY id DESC LIMIT 1
            ), prev AS (
                SELECT coalesce((SELECT id FROM last), 0) AS id, coalesce((SELECT last_id FROM last), 0) AS last_id,
                       coalesce((SELECT hash FROM last), repeat('0', 64)) AS hash
            ), upto AS (
                SELECT max(s.id) AS id FROM (
                    SELECT a.id FROM audit_log a, prev
                    WHERE a.id > prev.last_id AND a.at < now() - $1 * interval '1 millisecond'
                    ORDER BY a.id LIMIT $2) s
            ), r AS (
                SELECT count(*)::int AS n, %s AS hash
                FROM audit_log a, prev, upto WHERE a.id > prev.last_id AND a.id <= upto.id
            )
            SELECT prev.id + 1 AS id, prev.last_id + 1 AS first_id, upto.id AS last_id, r.n AS row_count,
                   r.hash AS rows_hash, prev.hash AS previous_hash,
                   hpf_audit_seal_hash(prev.id + 1, prev.last_id + 1, upto.id, r.n, r.hash, prev.hash) AS hash
            FROM prev, upto, r WHERE upto.id IS NOT NULL
            """.formatted(ROWS_HASH);

    /**
     * Stores a seal with its MAC, made by the application since the database does not hold the key. The primary key
     * (previous + 1) keeps two sealers from both chaining from the same seal: the second one's insert fails.
     */
    private static final String STORE_SEAL = """
            INSERT INTO audit_seal (id, first_id, last_id, row_count, rows_hash, previous_hash, hash, key_id, mac)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            RETURNING id, first_id, last_id, row_count, hash, key_id, sealed_at
            """;

    /** Seals after {@code $1} in order, each with its hash recomputed and its rows counted and hashed again. */
    private static final String CHECK_SEALS = """
            SELECT s.id, s.first_id, s.last_id, s.row_count, s.rows_hash, s.previous_hash, s.hash, s.key_id, s.mac,
                   s.sealed_at,
                   hpf_audit_seal_hash(s.id, s.first_id, s.last_id, s.row_count, s.rows_hash, s.previous_hash)
                       AS recomputed,
                   r.n AS rows_now, r.hash AS rows_hash_now
            FROM audit_seal s
            CROSS JOIN LATERAL (SELECT count(*)::int AS n, %s AS hash
                                FROM audit_log a WHERE a.id BETWEEN s.first_id AND s.last_id) r
            WHERE s.id > $1 ORDER BY s.id LIMIT $2
            """.formatted(ROWS_HASH);

    private static final String UNSEALED = "SELECT count(*) FROM audit_log WHERE id > $1";

    private static final String COLUMNS = "id, at, action, actor, channel, app_id, client_address, member_id, "
            + "face_verification_id, amount_fen, target, result, reason, changed";

    private final Pool db;
    private final LongQueries longQueries;

    public AuditRepository(Pool db, LongQueries longQueries) {
        this.db = db;
        this.longQueries = longQueries;
    }

    /** The row an audited statement appends, as a CTE of that statement; every value is an SQL expression. */
    public static Append append(String action) {
        if (!action.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("not an action name: " + action);
        }
        return new Append("'" + action + "'");
    }

    /** As {@link #append(String)}, the action given by an SQL expression (a parameter). */
    public static Append appendAction(String actionExpr) {
        return new Append(actionExpr);
    }

    /**
     * {@code , audit AS (INSERT INTO audit_log … SELECT … FROM source)}: one row per row of {@code from} (a CTE of
     * the statement that returns what was done), so the row exists exactly when the action does.
     */
    public static final class Append {
        private final String action;
        private String name = "audit";
        private String from;
        private String actor;
        private String channel;
        private String appId = "NULL";
        private String client = "NULL";
        private String member = "NULL";
        private String face = "NULL";
        private String amount = "NULL";
        private String target = "NULL";
        private String result = "NULL";
        private String reason = "NULL";
        private String changed = "TRUE";

        private Append(String action) {
            this.action = action;
        }

        public Append name(String cte) {
            this.name = cte;
            return this;
        }

        /** The FROM clause (and WHERE, if any) the row is selected from. */
        public Append from(String source) {
            this.from = source;
            return this;
        }

        public Append by(String actorExpr, String channelExpr, String appIdExpr, String clientExpr) {
            this.actor = actorExpr;
            this.channel = channelExpr;
            this.appId = appIdExpr;
            this.client = clientExpr;
            return this;
        }

        public Append member(String expr) {
            this.member = expr;
            return this;
        }

        public Append face(String expr) {
            this.face = expr;
            return this;
        }

        public Append amount(String expr) {
            this.amount = expr;
            return this;
        }

        public Append target(String expr) {
            this.target = expr;
            return this;
        }

        public Append result(String expr) {
            this.result = expr;
            return this;
        }

        public Append reason(String expr) {
            this.reason = expr;
            return this;
        }

        public Append changed(String expr) {
            this.changed = expr;
            return this;
        }

        /**
     * The CTE, starting with its comma. Casts are spelt out (CAST … AS): the appointments' statements run through
     * Hibernate, whose native queries read a colon as a parameter's start.
     */
        public String cte() {
            if (from == null || actor == null || channel == null) {
                throw new IllegalStateException("an audit row needs its source, actor and channel");
            }
            return """
                    , %s AS (
                        INSERT INTO audit_log (action, actor, channel, app_id, client_address, member_id,
                                               face_verification_id, amount_fen, target, result, reason, changed)
                        SELECT CAST(%s AS text), CAST(%s AS text), CAST(%s AS text), CAST(%s AS text),
                               CAST(%s AS text), CAST(%s AS bigint), CAST(%s AS uuid), CAST(%s AS bigint),
                               CAST(%s AS text), CAST(%s AS text), CAST(%s AS text), CAST(%s AS boolean)
                        FROM %s
                    )""".formatted(name, action, actor, channel, appId, client, member, face, amount, target, result,
                    reason, changed, from);
        }

        /** A statement of its own that appends one row (for actions whose effect is not a row of ours). */
        public String statement() {
            return "WITH one AS (SELECT 1)" + cte() + " SELECT 1";
        }
    }

    /** The next range of old enough rows (at most {@code maxRows} and the ids between) to seal; null when none. */
    public Uni<Candidate> nextSeal(Duration margin, int maxRows) {
        return db.preparedQuery(NEXT_SEAL).execute(Tuple.of(margin.toMillis(), maxRows)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            return new Candidate(r.getLong("id"), r.getLong("first_id"), r.getLong("last_id"),
                    r.getInteger("row_count"), r.getString("rows_hash"), r.getString("previous_hash"),
                    r.getString("hash"));
        });
    }

    /** Stores the seal with its key id and MAC; fails when another sealer stored that seal first. */
    public Uni<Seal> storeSeal(Candidate c, String keyId, String mac) {
        return db.preparedQuery(STORE_SEAL).execute(Tuple.from(List.of(c.id(), c.firstId(), c.lastId(), c.rowCount(),
                c.rowsHash(), c.previousHash(), c.hash(), keyId, mac))).map(rows -> seal(rows.iterator().next()));
    }

    private static Seal seal(Row r) {
        return new Seal(r.getLong("id"), r.getLong("first_id"), r.getLong("last_id"), r.getInteger("row_count"),
                r.getString("hash"), r.getString("key_id"), utc(r.getOffsetDateTime("sealed_at")));
    }

    /** Up to {@code limit} seals after {@code afterSeal}, each recomputed from what the tables hold now. */
    Uni<List<CheckedSeal>> checkSeals(long afterSeal, int limit) {
        return longQueries.run(db, CHECK_SEALS, Tuple.of(afterSeal, limit)).map(rows -> {
            List<CheckedSeal> seals = new ArrayList<>(rows.size());
            for (Row r : rows) {
                seals.add(new CheckedSeal(seal(r), r.getString("rows_hash"), r.getString("previous_hash"),
                        r.getString("recomputed"), r.getInteger("rows_now"), r.getString("rows_hash_now"),
                        r.getString("mac")));
            }
            return seals;
        });
    }

    /** Rows above the last sealed id (not sealed yet). */
    Uni<Long> unsealedAfter(long lastSealedId) {
        return db.preparedQuery(UNSEALED).execute(Tuple.of(lastSealedId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Newest first, keyset paged by id: only the filters given are in the statement, so a time range can use the
     * BRIN index on time.
     */
    Uni<List<AuditEntry>> read(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (q.memberId() != null) {
            args.add(q.memberId());
            sql.append(" AND member_id = $").append(args.size());
        }
        if (q.action() != null) {
            args.add(q.action());
            sql.append(" AND action = $").append(args.size());
        }
        if (q.from() != null) {
            args.add(q.from());
            sql.append(" AND at >= $").append(args.size());
        }
        if (q.to() != null) {
            args.add(q.to());
            sql.append(" AND at < $").append(args.size());
        }
        if (q.beforeId() != null) {
            args.add(q.beforeId());
            sql.append(" AND id < $").append(args.size());
        }
        args.add(q.limit());
        sql.append(" ORDER BY id DESC LIMIT $").append(args.size());
        return db.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
            List<AuditEntry> entries = new ArrayList<>(rows.size());
            for (Row r : rows) {
                entries.add(new AuditEntry(r.getLong("id"), utc(r.getOffsetDateTime("at")), r.getString("action"),
                        r.getString("actor"), r.getString("channel"), r.getString("app_id"),
                        r.getString("client_address"), r.getLong("member_id"), r.getUUID("face_verification_id"),
                        r.getLong("amount_fen"), r.getString("target"), r.getString("result"), r.getString("reason"),
                        r.getBoolean("changed")));
            }
            return entries;
        });
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** A seal about to be stored, its hash computed by the database. */
    public record Candidate(long id, long firstId, long lastId, int rowCount, String rowsHash, String previousHash,
                            String hash) {
    }

    /** A seal as stored. */
    public record Seal(long id, long firstId, long lastId, int rowCount, String hash, String keyId,
                       OffsetDateTime sealedAt) {
    }

    /** A seal with what its fields and its range hash to now, and its MAC. */
    record CheckedSeal(Seal seal, String rowsHash, String previousHash, String recomputedHash, int rowsNow,
                       String rowsHashNow, String mac) {
    }
}
