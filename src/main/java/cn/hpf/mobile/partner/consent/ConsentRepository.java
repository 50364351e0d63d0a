package cn.hpf.mobile.partner.consent;

import cn.hpf.mobile.common.db.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Consents, one-use codes and member tokens of partner apps. */
@ApplicationScoped
public class ConsentRepository {

    /** A token's scopes are what it was issued with and what the member's consent still grants. */
    private static final String GRANTED_SCOPES = "ARRAY(SELECT unnest(%s) INTERSECT SELECT unnest(a.scopes) ORDER BY 1)";

    private static final NamedSql GRANT = NamedSql.of("""
            WITH auth AS (
                INSERT INTO channel_authorization AS a (app_id, member_id, scopes)
                VALUES (#{app}, #{member}, #{scopes})
                ON CONFLICT (app_id, member_id) DO UPDATE
                    SET scopes = EXCLUDED.scopes, granted_at = now(), revoked_at = NULL
                RETURNING a.app_id
            )
            INSERT INTO channel_grant (code_hash, app_id, member_id, scopes, redirect_uri, code_challenge, expires_at)
            SELECT #{codeHash}, app_id, #{member}, #{scopes}, #{redirectUri}, #{challenge},
                   now() + #{ttlMillis} * interval '1 millisecond'
            FROM auth
            RETURNING expires_at
            """);

    private static final String LIST = """
            SELECT a.app_id, c.name, a.scopes, a.granted_at FROM channel_authorization a
            JOIN channel_app c ON c.app_id = a.app_id
            WHERE a.member_id = $1 AND a.revoked_at IS NULL ORDER BY a.granted_at DESC, a.app_id
            """;

    private static final String REVOKE = """
            WITH a AS (
                UPDATE channel_authorization SET revoked_at = now()
                WHERE app_id = $1 AND member_id = $2 AND revoked_at IS NULL
                RETURNING app_id
            ), t AS (
                UPDATE channel_token SET revoked_at = now()
                WHERE app_id = $1 AND member_id = $2 AND revoked_at IS NULL AND EXISTS (SELECT 1 FROM a)
                RETURNING family
            )
            SELECT (SELECT count(*) FROM a) AS revoked, (SELECT count(*) FROM t) AS tokens
            """;

    private static final String ISSUE = """
            , issued AS (
                INSERT INTO channel_token (token_hash, kind, family, app_id, member_id, scopes, expires_at)
                SELECT #{accessHash}, 'ACCESS', #{family}, #{app}, member_id, scopes,
                       now() + #{accessTtlMillis} * interval '1 millisecond' FROM live
                UNION ALL
                SELECT #{refreshHash}, 'REFRESH', #{family}, #{app}, member_id, scopes,
                       now() + #{refreshTtlMillis} * interval '1 millisecond' FROM live
                RETURNING member_id, scopes
            )
            SELECT member_id, scopes FROM issued LIMIT 1
            """;

    /** The code, once: unused, unexpired, this app's, and the verifier's challenge; the consent still standing. */
    private static final NamedSql EXCHANGE = NamedSql.of("""
            WITH g AS (
                UPDATE channel_grant SET used_at = now(), family = #{family}
                WHERE code_hash = #{codeHash} AND app_id = #{app} AND used_at IS NULL AND expires_at > now()
                  AND code_challenge = #{challenge}
                RETURNING member_id, scopes
            ), live AS (
                SELECT g.member_id, %s AS scopes
                FROM g JOIN channel_authorization a ON a.app_id = #{app} AND a.member_id = g.member_id
                WHERE a.revoked_at IS NULL
            )""".formatted(GRANTED_SCOPES.formatted("g.scopes")) + ISSUE);

    /** A code presented again: everything it was exchanged for is revoked. */
    private static final String REVOKE_REUSED_CODE = """
            UPDATE channel_token SET revoked_at = now()
            WHERE family = (SELECT family FROM channel_grant WHERE code_hash = $1 AND used_at IS NOT NULL)
              AND revoked_at IS NULL
            """;

    private static final NamedSql REFRESH = NamedSql.of("""
            WITH old AS (
                UPDATE channel_token SET spent_at = now()
                WHERE token_hash = #{tokenHash} AND kind = 'REFRESH' AND app_id = #{app} AND spent_at IS NULL
                  AND revoked_at IS NULL AND expires_at > now()
                RETURNING family, member_id, scopes
            ), live AS (
                SELECT old.member_id, %s AS scopes
                FROM old JOIN channel_authorization a ON a.app_id = #{app} AND a.member_id = old.member_id
                WHERE a.revoked_at IS NULL AND old.family = #{family}
            )""".formatted(GRANTED_SCOPES.formatted("old.scopes")) + ISSUE);

    private static final String FAMILY_OF_REFRESH = """
            SELECT family, spent_at IS NOT NULL AS spent FROM channel_token
            WHERE token_hash = $1 AND kind = 'REFRESH' AND app_id = $2
            """;

    private static final String REVOKE_FAMILY = "UPDATE channel_token SET revoked_at = now() WHERE family = $1 AND revoked_at IS NULL";

    private static final String VERIFY = """
            SELECT t.member_id, %s AS scopes
            FROM channel_token t JOIN channel_authorization a ON a.app_id = t.app_id AND a.member_id = t.member_id
            WHERE t.token_hash = $1 AND t.kind = 'ACCESS' AND t.app_id = $2 AND t.revoked_at IS NULL
              AND t.expires_at > now() AND a.revoked_at IS NULL
            """.formatted(GRANTED_SCOPES.formatted("t.scopes"));

    private static final String PRUNE = """
            WITH g AS (DELETE FROM channel_grant WHERE expires_at < now() - interval '1 day' RETURNING 1),
                 t AS (DELETE FROM channel_token WHERE expires_at < now() - interval '1 day' RETURNING 1)
            SELECT (SELECT count(*) FROM g) + (SELECT count(*) FROM t) AS pruned
            """;

    private final Pool db;

    public ConsentRepository(Pool db) {
        this.db = db;
    }

    record Issued(long memberId, String[] scopes) {
    }

    record AuthorizationRow(String appId, String name, String[] scopes, OffsetDateTime grantedAt) {
    }

    Uni<OffsetDateTime> grant(String appId, long memberId, String[] scopes, byte[] codeHash, String redirectUri,
                              String challenge, long ttlMillis) {
        return db.preparedQuery(GRANT.sql()).execute(GRANT.bind().set("app", appId).set("member", memberId)
                        .set("scopes", scopes).set("codeHash", buffer(codeHash))
                        .set("redirectUri", redirectUri).set("challenge", challenge).set("ttlMillis", ttlMillis).tuple())
                .map(rows -> rows.iterator().next().getOffsetDateTime("expires_at"));
    }

    Uni<List<AuthorizationRow>> list(long memberId) {
        return db.preparedQuery(LIST).execute(Tuple.of(memberId)).map(rows -> {
            List<AuthorizationRow> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new AuthorizationRow(r.getString("app_id"), r.getString("name"), r.getArrayOfStrings("scopes"),
                        r.getOffsetDateTime("granted_at")));
            }
            return out;
        });
    }

    /** False when there was no standing consent. */
    Uni<Boolean> revoke(String appId, long memberId) {
        return db.preparedQuery(REVOKE).execute(Tuple.of(appId, memberId))
                .map(rows -> rows.iterator().next().getLong("revoked") > 0);
    }

    /** The tokens' member and scopes, or null when the code does not qualify. */
    Uni<Issued> exchange(String appId, byte[] codeHash, String challenge, UUID family, byte[] accessHash,
                         byte[] refreshHash, long accessTtlMillis, long refreshTtlMillis) {
        NamedSql.Binding b = EXCHANGE.bind().set("app", appId).set("codeHash", buffer(codeHash))
                .set("challenge", challenge).set("family", family);
        return issue(EXCHANGE, tokens(b, accessHash, refreshHash, accessTtlMillis, refreshTtlMillis));
    }

    Uni<Integer> revokeReusedCode(byte[] codeHash) {
        return db.preparedQuery(REVOKE_REUSED_CODE).execute(Tuple.of(buffer(codeHash))).map(rows -> rows.rowCount());
    }

    /** The refresh token's family and whether it was already spent; null when there is no such token of the app. */
    Uni<Object[]> refreshFamily(byte[] tokenHash, String appId) {
        return db.preparedQuery(FAMILY_OF_REFRESH).execute(Tuple.of(buffer(tokenHash), appId)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            return new Object[]{r.getUUID("family"), r.getBoolean("spent")};
        });
    }

    Uni<Issued> refresh(String appId, byte[] tokenHash, UUID family, byte[] accessHash, byte[] refreshHash,
                        long accessTtlMillis, long refreshTtlMillis) {
        NamedSql.Binding b = REFRESH.bind().set("app", appId).set("tokenHash", buffer(tokenHash)).set("family", family);
        return issue(REFRESH, tokens(b, accessHash, refreshHash, accessTtlMillis, refreshTtlMillis));
    }

    Uni<Integer> revokeFamily(UUID family) {
        return db.preparedQuery(REVOKE_FAMILY).execute(Tuple.of(family)).map(rows -> rows.rowCount());
    }

    /** The token's member and its scopes in force, or null when it is not a live access token of this app. */
    Uni<Issued> verify(byte[] tokenHash, String appId) {
        return db.preparedQuery(VERIFY).execute(Tuple.of(buffer(tokenHash), appId)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            return new Issued(r.getLong("member_id"), r.getArrayOfStrings("scopes"));
        });
    }

    Uni<Long> prune() {
        return db.query(PRUNE).execute().map(rows -> rows.iterator().next().getLong("pruned"));
    }

    private Uni<Issued> issue(NamedSql sql, NamedSql.Binding b) {
        return db.preparedQuery(sql.sql()).execute(b.tuple()).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            return new Issued(r.getLong("member_id"), r.getArrayOfStrings("scopes"));
        });
    }

    private static NamedSql.Binding tokens(NamedSql.Binding b, byte[] accessHash, byte[] refreshHash,
                                           long accessTtlMillis, long refreshTtlMillis) {
        return b.set("accessHash", buffer(accessHash)).set("refreshHash", buffer(refreshHash))
                .set("accessTtlMillis", accessTtlMillis).set("refreshTtlMillis", refreshTtlMillis);
    }

    private static io.vertx.core.buffer.Buffer buffer(byte[] bytes) {
        return io.vertx.core.buffer.Buffer.buffer(bytes);
    }
}
