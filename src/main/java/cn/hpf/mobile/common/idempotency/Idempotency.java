package cn.hpf.mobile.common.idempotency;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.LuaScript;
import cn.hpf.mobile.common.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Exactly-once POSTs keyed by (member, operation, Idempotency-Key).
 *
 * <p>The accepted answer is stored in PostgreSQL by the operation's own write statement (use {@link #INSERT} as a
 * CTE), so a stored record exists if and only if the operation happened. A retry with the same body replays that
 * answer byte for byte; the same key with another body is 422; a retry while the first is still running gets 409
 * from a short Redis lease. If Redis is unavailable or flushed the lease is skipped: the primary key on
 * idempotency_record still lets only one attempt commit, and the loser replays the winner's answer.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;

    /** Parameters: member_id, operation, idem_key, request_hash, status_code, response_body, resource_id. */
    public static final String INSERT = "INSERT INTO idempotency_record (member_id, operation, idem_key, request_hash, "
            + "status_code, response_body, resource_id) VALUES (%s, %s, %s, %s, %s, %s, %s)";

    private static final Logger LOG = Logger.getLogger(Idempotency.class);
    private static final long LEASE_MILLIS = 30_000;
    private static final LuaScript RELEASE = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final Pool db;
    private final ReactiveRedisDataSource redis;

    public Idempotency(Pool db, ReactiveRedisDataSource redis) {
        this.db = db;
        this.redis = redis;
    }

    /** The accepted answer of an earlier attempt. */
    public record Stored(String requestHash, int status, String body, String resourceId) {
    }

    /** Validates the header: required, 1–255 characters. */
    public static String requireKey(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.badRequest("IDEMPOTENCY_KEY_REQUIRED",
                    "Send an Idempotency-Key header (1–255 characters) and reuse it on every retry.", HEADER);
        }
        if (raw.length() > MAX_KEY_LENGTH || raw.isBlank()) {
            throw ApiException.badRequest("IDEMPOTENCY_KEY_INVALID",
                    "Idempotency-Key must be 1–255 non-blank characters.", HEADER);
        }
        return raw;
    }

    /** SHA-256 of the canonical request; callers join the fields that define "the same body". */
    public static String fingerprint(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            sb.append(p == null ? "\u0000" : p.toString()).append('\u001f');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code action} at most once for (member, operation, key). The action must write the idempotency record
     * in its own statement ({@link #INSERT}) and answer with the exact body it stored.
     */
    public Uni<Response> execute(long memberId, String operation, String key, String requestHash,
                                 Supplier<Uni<Response>> action) {
        String leaseKey = RedisKeys.memberTag(memberId) + ":idem:" + operation + ":" + fingerprint(key);
        String token = UUID.randomUUID().toString();
        // Lease first, then look: an attempt that committed and released its lease just before we took ours is
        // then always seen, and the common case costs one lookup.
        return acquire(leaseKey, token).chain(acquired -> {
            if (!acquired) {
                // The lease may belong to an attempt that has just committed: prefer its answer.
                return find(memberId, operation, key).map(stored -> {
                    if (stored != null) {
                        return replayOrReject(stored, requestHash);
                    }
                    throw ApiException.conflict("IDEMPOTENCY_KEY_IN_FLIGHT",
                            "A request with this Idempotency-Key is still being processed; retry shortly.");
                });
            }
            return find(memberId, operation, key).chain(stored -> stored != null
                            ? Uni.createFrom().item(replayOrReject(stored, requestHash))
                            : Uni.createFrom().<Response>deferred(action::get)
                                    .onFailure(Idempotency::isDuplicateRecord).recoverWithUni(() ->
                                            find(memberId, operation, key).map(winner -> replayOrReject(winner, requestHash))))
                    .onTermination().call(() -> release(leaseKey, token));
        });
    }

    public Uni<Stored> find(long memberId, String operation, String key) {
        return db.preparedQuery("SELECT request_hash, status_code, response_body, resource_id FROM idempotency_record "
                        + "WHERE member_id = $1 AND operation = $2 AND idem_key = $3")
                .execute(Tuple.of(memberId, operation, key))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new Stored(r.getString(0), r.getInteger(1), r.getString(2), r.getString(3));
                });
    }

    /** The stored answer replayed (same body), or 422 IDEMPOTENCY_KEY_REUSED (another body). */
    public static Response replayOrReject(Stored stored, String requestHash) {
        if (!stored.requestHash().equals(requestHash)) {
            throw ApiException.unprocessable("IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was already used with a different request body.", HEADER);
        }
        return Response.status(stored.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(stored.body().getBytes(StandardCharsets.UTF_8))
                .header(REPLAYED_HEADER, "true").build();
    }

    /** The unique violation raised when a concurrent attempt with the same key committed first. */
    public static boolean isDuplicateRecord(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && pg.getConstraint() != null && pg.getConstraint().startsWith("idempotency_record");
    }

    private Uni<Boolean> acquire(String leaseKey, String token) {
        return redis.execute("SET", leaseKey, token, "NX", "PX", Long.toString(LEASE_MILLIS))
                .map(r -> r != null && "OK".equals(r.toString()))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Idempotency lease skipped (Redis unavailable: %s); PostgreSQL still guards", e.getMessage());
                    return true;
                });
    }

    private Uni<Void> release(String leaseKey, String token) {
        return RELEASE.run(redis, List.of(leaseKey), List.of(token)).replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
