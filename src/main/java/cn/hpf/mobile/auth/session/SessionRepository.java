package cn.hpf.mobile.auth.session;

import cn.hpf.mobile.common.db.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import cn.hpf.mobile.common.db.ControlPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Sessions (refresh-token families) and their refresh tokens, which are stored as SHA-256 hashes only. */
@ApplicationScoped
public class SessionRepository {

    /** The subject of a session, what its access tokens are made of. */
    public record Subject(UUID sessionId, SubjectKind kind, long subjectId, String login, String channel) {
    }

    /** A poll of the revocation view: the sessions revoked after {@code since}, and the database's clock. */
    public record Revoked(List<String> sessionIds, long polledAtMillis) {
    }

    private static final NamedSql OPEN = NamedSql.of("""
            WITH session AS (
                INSERT INTO auth_session (id, subject_kind, subject_id, login, channel)
                VALUES (#{session}, #{kind}, #{subject}, #{login}, #{channel})
                RETURNING id
            )
            INSERT INTO refresh_token (token_hash, session_id, expires_at)
            SELECT #{hash}, id, now() + #{ttlSeconds}::bigint * interval '1 second' FROM session
            """);

    /** Claims an ACTIVE token (RefreshTokenState) and issues the next one, in one statement. */
    private static final NamedSql ROTATE = NamedSql.of("""
            WITH claimed AS (
                UPDATE refresh_token r SET used_at = now()
                FROM auth_session s
                WHERE r.token_hash = #{presented} AND r.used_at IS NULL AND r.expires_at > now()
                  AND s.id = r.session_id AND s.revoked_at IS NULL
                RETURNING s.id, s.subject_kind, s.subject_id, s.login, s.channel
            ), next AS (
                INSERT INTO refresh_token (token_hash, session_id, expires_at)
                SELECT #{next}, c.id, now() + CASE c.subject_kind WHEN 'MEMBER' THEN #{memberTtlSeconds}::bigint
                                                                 ELSE #{operatorTtlSeconds}::bigint END
                                              * interval '1 second'
                FROM claimed c
                RETURNING session_id
            )
            SELECT c.id, c.subject_kind, c.subject_id, c.login, c.channel FROM claimed c JOIN next n ON n.session_id = c.id
            """);

    /**
     * What a token that could not be claimed is (no row: unknown), revoking its session when it was used already
     * (RefreshTokenState.revokesSession).
     */
    private static final NamedSql REFUSE = NamedSql.of("""
            WITH token AS (
                SELECT r.session_id, r.used_at IS NOT NULL AS used, r.expires_at <= now() AS expired,
                       s.revoked_at IS NOT NULL AS revoked
                FROM refresh_token r JOIN auth_session s ON s.id = r.session_id
                WHERE r.token_hash = #{presented}
            ), revoke AS (
                UPDATE auth_session SET revoked_at = now(), revoke_reason = 'REFRESH_TOKEN_REUSED'
                WHERE id = (SELECT session_id FROM token WHERE used) AND revoked_at IS NULL
                RETURNING id
            )
            SELECT session_id::text AS session_id, used, revoked, expired FROM token
            """);

    /**
     * The caller's session, and the session of a refresh token she hands in, when it is hers: never anyone else's,
     * whatever token she sends.
     */
    private static final NamedSql REVOKE = NamedSql.of("""
            UPDATE auth_session SET revoked_at = now(), revoke_reason = #{reason}
            WHERE revoked_at IS NULL AND subject_kind = #{kind} AND subject_id = #{subject}
              AND (id = #{session}
                   OR id = (SELECT session_id FROM refresh_token WHERE token_hash = #{presented}))
            RETURNING id::text
            """);

    /** Without a previous poll ($1 null): the sessions revoked within the last $2 milliseconds. */
    private static final String REVOKED_SINCE = """
            SELECT (extract(epoch FROM now()) * 1000)::bigint AS polled_at,
                   ARRAY(SELECT id::text FROM auth_session
                         WHERE revoked_at > coalesce(to_timestamp($1::bigint / 1000.0),
                                                     now() - $2::bigint * interval '1 millisecond')) AS ids
            """;

    private final Pool db;
    private final ControlPool control;

    public SessionRepository(Pool db, ControlPool control) {
        this.db = db;
        this.control = control;
    }

    public Uni<Void> open(Subject subject, byte[] refreshHash, Duration refreshTtl) {
        return db.preparedQuery(OPEN.sql()).execute(OPEN.bind()
                        .set("session", subject.sessionId()).set("kind", subject.kind().name())
                        .set("subject", subject.subjectId()).set("login", subject.login())
                        .set("channel", subject.channel()).set("hash", Buffer.buffer(refreshHash))
                        .set("ttlSeconds", refreshTtl.toSeconds()).tuple())
                .replaceWithVoid();
    }

    /** The session whose ACTIVE token {@code presented} was, now USED, with {@code next} issued; null if none. */
    public Uni<Subject> rotate(byte[] presented, byte[] next, Duration memberTtl, Duration operatorTtl) {
        return db.preparedQuery(ROTATE.sql()).execute(ROTATE.bind()
                        .set("presented", Buffer.buffer(presented)).set("next", Buffer.buffer(next))
                        .set("memberTtlSeconds", memberTtl.toSeconds())
                        .set("operatorTtlSeconds", operatorTtl.toSeconds()).tuple())
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new Subject(r.getUUID("id"), SubjectKind.valueOf(r.getString("subject_kind")),
                            r.getLong("subject_id"), r.getString("login"), r.getString("channel"));
                });
    }

    /** A presented token's state and session. */
    public record Presented(String sessionId, RefreshTokenState state) {
    }

    /** The state of a token {@link #rotate} did not take (null: unknown), its session revoked if it was USED. */
    public Uni<Presented> refuse(byte[] presented) {
        return db.preparedQuery(REFUSE.sql()).execute(REFUSE.bind().set("presented", Buffer.buffer(presented)).tuple())
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new Presented(r.getString("session_id"),
                            RefreshTokenState.of(r.getBoolean("used"), r.getBoolean("revoked"), r.getBoolean("expired")));
                });
    }

    /**
     * Revokes the subject's session {@code sessionId} (may be null) and the session of {@code presentedRefresh}
     * (may be null) if it is the subject's too; answers the ids revoked now.
     */
    public Uni<List<String>> revoke(SubjectKind kind, long subjectId, UUID sessionId, byte[] presentedRefresh,
                                    RevokeReason reason) {
        return db.preparedQuery(REVOKE.sql()).execute(REVOKE.bind()
                        .set("reason", reason.name()).set("kind", kind.name()).set("subject", subjectId)
                        .set("session", sessionId)
                        .set("presented", presentedRefresh == null ? null : Buffer.buffer(presentedRefresh)).tuple())
                .map(SessionRepository::ids);
    }

    /**
     * Sessions revoked after {@code sinceMillis} (the database's clock; null: within the last {@code recentMillis}),
     * with the database's time of the poll.
     */
    public Uni<Revoked> revokedSince(Long sinceMillis, long recentMillis) {
        // On the control connection: a saturated request pool must not make this replica's view stale.
        return control.pool(db).preparedQuery(REVOKED_SINCE).execute(Tuple.of(sinceMillis, recentMillis))
                .map(rows -> {
            Row r = rows.iterator().next();
            String[] ids = r.getArrayOfStrings("ids");
            return new Revoked(ids == null ? List.of() : List.of(ids), r.getLong("polled_at"));
        });
    }

    private static List<String> ids(RowSet<Row> rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getString(0)));
        return ids;
    }
}
