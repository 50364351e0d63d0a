package cn.hpf.mobile.signin;

import cn.hpf.mobile.common.db.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The sign-in's state in PostgreSQL: members by login, the one-time code challenges and the guard rows that carry
 * rate limits and lockout. Every decision is taken under the row's lock (one statement, or one transaction for the
 * starts), so it holds across replicas and survives a restart.
 */
@ApplicationScoped
public class SignInRepository {

    private static final Logger LOG = Logger.getLogger(SignInRepository.class);
    /** 17 digits and a check character (a digit or X): the resident ID number. Member numbers are 12 digits. */
    static final Pattern ID_NUMBER = Pattern.compile("^[0-9]{17}[0-9X]$");

    /** A member a login names, with what sign-in needs of her. */
    public record Login(long memberId, String memberNo, String passwordHash, String mobile) {
    }

    /** The moments inside the rate window after the statement (now included when it was allowed) and the lock. */
    public record Attempts(OffsetDateTime[] recent, OffsetDateTime lockedUntil, boolean allowed) {
    }

    /** A challenge the code statement changed: USED (the right code), OPEN (wrong) or DEAD (the last wrong one). */
    public record CodeOutcome(long memberId, String memberNo, String channel, String status, int failedAttempts) {
    }

    /** A challenge as stored, to explain why the code statement changed nothing. */
    public record Challenge(long memberId, String status, OffsetDateTime expiresAt) {
    }

    private static final String RECENT = "ARRAY(SELECT t FROM unnest(g.%1$s) AS t WHERE t > #{now}::timestamptz "
            + "- interval '1 hour' ORDER BY t)";
    /** Within both rate limits; {@code %2$s} adds the lock (the SMS path) or nothing (the face path). */
    private static final String MAY_START = "cardinality(" + RECENT + ") < #{perHour}::int "
            + "AND NOT EXISTS (SELECT 1 FROM unnest(g.%1$s) AS t "
            + "WHERE t > #{now}::timestamptz - #{intervalSeconds}::bigint * interval '1 second')%2$s";
    private static final String UNLOCKED = " AND (g.locked_until IS NULL OR g.locked_until <= #{now}::timestamptz)";
    /** Makes sure the guard row exists, so that the decision below can lock it. */
    private static final String ENSURE_GUARD = "INSERT INTO sign_in_guard (guard_key, updated_at) "
            + "VALUES ($1, $2) ON CONFLICT (guard_key) DO NOTHING";
    /**
     * Decides under the row's lock and answers the decision as a column of its own (comparing the last moment with
     * now would take a refusal at the very instant of the last start for an acceptance).
     */
    private static final String RECORD_START = """
            WITH d AS (
                SELECT g.guard_key, %2$s AS allowed FROM sign_in_guard g
                WHERE g.guard_key = #{key}::text FOR UPDATE
            ), g AS (
                UPDATE sign_in_guard s SET
                    %1$s = CASE WHEN d.allowed THEN %3$s || #{now}::timestamptz ELSE %3$s END,
                    updated_at = #{now}::timestamptz
                FROM d WHERE s.guard_key = d.guard_key
                RETURNING s.%1$s AS recent, s.locked_until, d.allowed
            )""";

    /** Counts a code sent and opens its challenge, both only when the member may get a code now. */
    private static final NamedSql OPEN_CHALLENGE = NamedSql.of(RECORD_START.formatted("code_sent_at",
            MAY_START.formatted("code_sent_at", UNLOCKED), RECENT.formatted("code_sent_at").replace("g.", "s."))
            + """
            , c AS (
                INSERT INTO sign_in_challenge (id, member_id, channel, code_hash, created_at, expires_at)
                SELECT #{id}::uuid, #{member}::bigint, #{channel}::text, #{hash}::bytea, #{now}::timestamptz,
                       #{expiresAt}::timestamptz FROM g
                WHERE g.allowed
                RETURNING id
            )
            SELECT g.recent, g.locked_until, g.allowed FROM g""");

    /**
     * Counts a face sign-in started, only when the member may start one now. Not refused by the lock: the face check
     * proves who she is without the password, so wrong passwords or codes must not shut her out of it.
     */
    private static final NamedSql RECORD_FACE_START = NamedSql.of(RECORD_START.formatted("face_start_at",
            MAY_START.formatted("face_start_at", ""), RECENT.formatted("face_start_at").replace("g.", "s."))
            + " SELECT g.recent, g.locked_until, g.allowed FROM g");

    private static final String RECENT_FAILURES = "ARRAY(SELECT t FROM unnest(g.failed_at) AS t "
            + "WHERE t > #{now}::timestamptz - #{windowSeconds}::bigint * interval '1 second')";
    private static final String LOCKING = "cardinality(" + RECENT_FAILURES + ") + 1 >= #{lockAfter}::int";

    /** One more failure; the one that reaches the limit locks (and clears the count for after the lock). */
    private static final NamedSql RECORD_FAILURE = NamedSql.of("""
            INSERT INTO sign_in_guard AS g (guard_key, failed_at, locked_until, updated_at)
            VALUES (#{key},
                    CASE WHEN #{lockAfter}::int <= 1 THEN '{}'::timestamptz[] ELSE ARRAY[#{now}::timestamptz] END,
                    CASE WHEN #{lockAfter}::int <= 1
                         THEN #{now}::timestamptz + #{lockSeconds}::bigint * interval '1 second' END,
                    #{now}::timestamptz)
            ON CONFLICT (guard_key) DO UPDATE SET
                failed_at = CASE WHEN %1$s THEN '{}'::timestamptz[] ELSE %2$s || #{now}::timestamptz END,
                locked_until = CASE WHEN %1$s THEN #{now}::timestamptz + #{lockSeconds}::bigint * interval '1 second'
                                    ELSE g.locked_until END,
                updated_at = #{now}::timestamptz
            RETURNING locked_until""".formatted(LOCKING, RECENT_FAILURES));

    /**
     * Constant time: every byte pair is XORed and folded, wherever the first difference is (an aggregate never
     * stops early).
     */
    private static final String CODE_MATCHES = "((SELECT bit_or(get_byte(c.code_hash, i) # get_byte(#{hash}::bytea, i)) "
            + "FROM generate_series(0, 31) AS i) = 0)";

    /**
     * Checks the code and consumes the challenge in one statement: only an OPEN, unexpired challenge of a member
     * who is not locked changes. The right code makes it USED; a wrong one counts, and the last allowed wrong one
     * makes it DEAD.
     */
    private static final NamedSql CHECK_CODE = NamedSql.of("""
            UPDATE sign_in_challenge c SET
                status = CASE WHEN %1$s THEN 'USED' WHEN c.failed_attempts + 1 >= #{maxAttempts}::int THEN 'DEAD'
                              ELSE 'OPEN' END,
                failed_attempts = c.failed_attempts + CASE WHEN %1$s THEN 0 ELSE 1 END,
                used_at = CASE WHEN %1$s THEN #{now}::timestamptz END
            WHERE c.id = #{id} AND c.status = 'OPEN' AND c.expires_at > #{now}::timestamptz
              AND NOT EXISTS (SELECT 1 FROM sign_in_guard g WHERE g.guard_key = 'member:' || c.member_id
                              AND g.locked_until > #{now}::timestamptz)
            RETURNING c.member_id, (SELECT m.member_no FROM member m WHERE m.id = c.member_id), c.channel, c.status,
                      c.failed_attempts""".formatted(CODE_MATCHES));

    private final Pool db;

    public SignInRepository(Pool db) {
        this.db = db;
    }

    /** The member a login (member number, or 18-character ID number) names; null when none or ambiguous. */
    public Uni<Login> member(String login) {
        boolean idNumber = ID_NUMBER.matcher(login).matches();
        String sql = "SELECT id, member_no, password_hash, mobile FROM member WHERE "
                + (idNumber ? "id_number" : "member_no") + " = $1 LIMIT 2";
        return db.preparedQuery(sql).execute(Tuple.of(login)).map(rows -> {
            if (rows.size() != 1) {
                if (rows.size() > 1) {
                    LOG.warn("An ID number names more than one member; sign-in by it is refused (use the member "
                            + "number)");
                }
                return null;
            }
            Row r = rows.iterator().next();
            return new Login(r.getLong(0), r.getString(1), r.getString(2), r.getString(3));
        });
    }

    /** Until when the key's sign-in is locked; null when it never was. */
    public Uni<OffsetDateTime> lockedUntil(String key) {
        return db.preparedQuery("SELECT locked_until FROM sign_in_guard WHERE guard_key = $1")
                .execute(Tuple.of(key))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? it.next().getOffsetDateTime(0) : null;
                });
    }

    /** Records a failure; answers until when the key is locked (null or past when it is not). */
    public Uni<OffsetDateTime> recordFailure(String key, OffsetDateTime now, int lockAfter, Duration window,
                                             Duration lock) {
        return db.preparedQuery(RECORD_FAILURE.sql())
                .execute(RECORD_FAILURE.bind().set("key", key).set("now", now).set("lockAfter", lockAfter)
                        .set("windowSeconds", window.toSeconds()).set("lockSeconds", lock.toSeconds()).tuple())
                .map(rows -> rows.iterator().next().getOffsetDateTime(0));
    }

    /** Forgets the key's failures after a sign-in. */
    public Uni<Void> clearFailures(String key, OffsetDateTime now) {
        return db.preparedQuery("UPDATE sign_in_guard SET failed_at = '{}', updated_at = $2 WHERE guard_key = $1")
                .execute(Tuple.of(key, now))
                .replaceWithVoid();
    }

    /** Counts a code and opens its challenge when the limits allow; {@link Attempts#allowed()} says whether. */
    public Uni<Attempts> openChallenge(String key, UUID id, long memberId, String channel, byte[] codeHash,
                                       OffsetDateTime now, OffsetDateTime expiresAt, Duration interval,
                                       int perHour) {
        return decide(key, now, OPEN_CHALLENGE, OPEN_CHALLENGE.bind().set("key", key).set("id", id)
                .set("member", memberId).set("channel", channel).set("hash", Buffer.buffer(codeHash))
                .set("now", now).set("expiresAt", expiresAt).set("intervalSeconds", interval.toSeconds())
                .set("perHour", perHour).tuple());
    }

    /** Counts a face sign-in started when the limits allow. */
    public Uni<Attempts> recordFaceStart(String key, OffsetDateTime now, Duration interval, int perHour) {
        return decide(key, now, RECORD_FACE_START, RECORD_FACE_START.bind().set("key", key).set("now", now)
                .set("intervalSeconds", interval.toSeconds()).set("perHour", perHour).tuple());
    }

    private Uni<Attempts> decide(String key, OffsetDateTime now, NamedSql statement, Tuple params) {
        return db.withTransaction(conn -> conn.preparedQuery(ENSURE_GUARD).execute(Tuple.of(key, now))
                .chain(() -> conn.preparedQuery(statement.sql()).execute(params))
                .map(SignInRepository::attempts));
    }

    /** A challenge whose SMS never left: nobody can know its code, and it must not linger as OPEN. */
    public Uni<Void> killChallenge(UUID id) {
        return db.preparedQuery("UPDATE sign_in_challenge SET status = 'DEAD' WHERE id = $1 AND status = 'OPEN'")
                .execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /** Checks the code against the challenge and consumes it (see CHECK_CODE); null when nothing changed. */
    public Uni<CodeOutcome> checkCode(UUID id, byte[] codeHash, OffsetDateTime now, int maxAttempts) {
        return db.preparedQuery(CHECK_CODE.sql())
                .execute(CHECK_CODE.bind().set("id", id).set("hash", Buffer.buffer(codeHash)).set("now", now)
                        .set("maxAttempts", maxAttempts).tuple())
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new CodeOutcome(r.getLong(0), r.getString(1), r.getString(2), r.getString(3),
                            r.getInteger(4));
                });
    }

    public Uni<Challenge> challenge(UUID id) {
        return db.preparedQuery("SELECT member_id, status, expires_at FROM sign_in_challenge WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new Challenge(r.getLong(0), r.getString(1), r.getOffsetDateTime(2));
                });
    }

    /** Forgets challenges created before {@code before}. */
    public Uni<Integer> forgetChallenges(OffsetDateTime before) {
        return db.preparedQuery("DELETE FROM sign_in_challenge WHERE created_at < $1")
                .execute(Tuple.of(before))
                .map(RowSet::rowCount);
    }

    /** Forgets guard rows untouched since {@code before} whose lock (if any) has ended. */
    public Uni<Integer> forgetIdleGuards(OffsetDateTime before, OffsetDateTime now) {
        return db.preparedQuery("DELETE FROM sign_in_guard WHERE updated_at < $1 "
                        + "AND (locked_until IS NULL OR locked_until <= $2)")
                .execute(Tuple.of(before, now))
                .map(RowSet::rowCount);
    }

    private static Attempts attempts(RowSet<Row> rows) {
        Row r = rows.iterator().next();
        return new Attempts(r.getArrayOfOffsetDateTimes(0), r.getOffsetDateTime(1), r.getBoolean(2));
    }
}
