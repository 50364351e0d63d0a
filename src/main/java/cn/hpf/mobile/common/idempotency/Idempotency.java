package cn.hpf.mobile.common.idempotency;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.LuaScript;
import cn.hpf.mobile.common.OutcomeUnknownException;
import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.common.redis.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Exactly-once POSTs keyed by (member, operation, Idempotency-Key).
 *
 * <p>The accepted answer is stored in PostgreSQL by the operation's own write statement
 * ({@link IdempotencyRepository#insertFrom} as a CTE), so a stored record exists if and only if the operation
 * happened. A retry with the same body replays that answer byte for byte; the same key with another body is 422; a
 * retry while the first is still running gets 409 — and so does a retry while the first attempt's outcome is
 * unknown ({@link OutcomeUnknownException}): its lease is kept until the outcome is decided, so that no retry can
 * run beside an attempt that may still commit and answer the member something that later proves untrue.
 *
 * <p>One Redis key per (member, operation, key) serves both as the in-flight lease and, once the operation has
 * committed, as a cache of its answer, so the common cases cost one Redis round trip and no PostgreSQL read: a
 * new key takes the lease, a retry finds the answer. Redis is never the truth: when the key is missing (flushed,
 * expired, Redis down) the operation runs, and its own statement fails on the record's primary key or on the
 * resource it already consumed; any failure is therefore checked against PostgreSQL, and a stored answer is
 * replayed instead of the failure.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;

    private static final Logger LOG = Logger.getLogger(Idempotency.class);
    /**
     * Longer than any attempt can run (pool wait, data sharing, the admission write timeout), so that a retry
     * never starts beside an attempt that may still commit; a crashed attempt's key frees itself after this.
     */
    private static final long LEASE_MILLIS = 60_000;
    /**
     * How long Redis answers retries by itself; clients retry within minutes. Later retries are answered from
     * PostgreSQL, which also keeps Redis from vouching for long for a commit PostgreSQL might have lost (a
     * failover to an asynchronous replica).
     */
    static final long ANSWER_MILLIS = 3_600_000L;
    private static final long LEASE_MARGIN_MILLIS = 1_000;
    /** Lease values start with this; answers with {@link #ANSWER}. */
    private static final String LEASE = "L";
    private static final String ANSWER = "A";

    /** Takes the lease when the key is free (returns nil), else returns what the key holds (a lease or an answer). */
    private static final LuaScript ACQUIRE = new LuaScript("""
            local v = redis.call('GET', KEYS[1])
            if v then return v end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return false
            """);
    /** Our lease lives on until ARGV[2] ms from now (unless it was lost meanwhile). */
    private static final LuaScript KEEP_LEASE = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """);
    /** Our lease becomes the committed answer (unless the lease was lost meanwhile). */
    private static final LuaScript REMEMBER = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
            return 0
            """);
    /**
     * For a script of the operation's own that runs after its commit on keys of the same member (one slot):
     * {@code keep_answer(key, value, millis)} turns a lease on the key into the committed answer. Any lease, not
     * only this attempt's: the answer of a committed attempt is the only answer the key can have. A key Redis has
     * forgotten stays forgotten (PostgreSQL answers).
     */
    public static final String KEEP_ANSWER_LUA = """
            local function keep_answer(key, value, millis)
              local v = redis.call('GET', key)
              if v and string.sub(v, 1, 1) == 'L' then redis.call('SET', key, value, 'PX', millis) end
            end
            """;
    private static final LuaScript RELEASE = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final IdempotencyRepository records;
    private final ReactiveRedisDataSource redis;

    public Idempotency(IdempotencyRepository records, ReactiveRedisDataSource redis) {
        this.records = records;
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
     * in its own statement ({@link IdempotencyRepository#insertFrom}) and answer with the exact body it stored (a String or UTF-8 bytes).
     */
    public Uni<Response> execute(long memberId, String operation, String key, String requestHash,
                                 Supplier<Uni<Response>> action) {
        return execute(memberId, operation, key, requestHash, false, action);
    }

    /**
     * As {@link #execute(long, String, String, String, Supplier)}; {@code answerKeptByAction}: the action keeps its
     * committed answer in Redis itself, with {@link #KEEP_ANSWER_LUA} in a script it runs anyway, so no round trip
     * of its own is spent on it. Where the action could not (Redis failing), retries are answered from PostgreSQL.
     */
    public Uni<Response> execute(long memberId, String operation, String key, String requestHash,
                                 boolean answerKeptByAction, Supplier<Uni<Response>> action) {
        String redisKey = redisKey(memberId, operation, key);
        String lease = LEASE + UUID.randomUUID();
        return acquire(redisKey, lease).chain(held -> {
            Stored cached = held != null && held.startsWith(ANSWER) ? decode(held) : null;
            if (cached != null) {
                return Uni.createFrom().item(() -> replayOrReject(cached, requestHash));
            }
            if (held != null) {
                // Another attempt holds the lease; it may have just committed: prefer its answer.
                return find(memberId, operation, key).map(stored -> {
                    if (stored != null) {
                        return replayOrReject(stored, requestHash);
                    }
                    throw Refusal.IDEMPOTENCY_KEY_IN_FLIGHT.error();
                });
            }
            return Uni.createFrom().<Response>deferred(action::get)
                    // Unknown: the attempt may still commit. The key stays busy until it is decided.
                    .onFailure(OutcomeUnknownException.class).call(e -> keepLease(redisKey, lease,
                            ((OutcomeUnknownException) e).knownAt()))
                    // The key was free in Redis, which may have forgotten a committed attempt: its record decides.
                    .onFailure(e -> !(e instanceof OutcomeUnknownException))
                    .recoverWithUni(e -> find(memberId, operation, key)
                            .onFailure().recoverWithNull()
                            .chain(stored -> stored == null
                                    ? release(redisKey, lease).chain(() -> Uni.createFrom().<Response>failure(e))
                                    : keep(redisKey, lease, stored)
                                            .map(x -> replayOrReject(stored, requestHash))))
                    .call(answer -> answerKeptByAction || answer.getHeaderString(REPLAYED_HEADER) != null
                            ? Uni.createFrom().voidItem() : remember(redisKey, lease, requestHash, answer));
        });
    }

    /**
     * Whether Redis holds anything under the key (a lease of an attempt, a kept answer): such a request must go
     * through {@link #execute}. False only when Redis answered that the key is free; Redis failing counts as held.
     */
    public Uni<Boolean> held(long memberId, String operation, String key) {
        return redis.execute("EXISTS", redisKey(memberId, operation, key)).map(r -> r.toLong() != 0)
                .onFailure().recoverWithItem(true);
    }

    /** The key's Redis key: lease, then answer; in the member's slot, beside the member's other keys. */
    public static String redisKey(long memberId, String operation, String key) {
        return RedisKeys.memberTag(memberId) + ":idem:" + operation + ":" + fingerprint(key);
    }

    /** The ARGV of {@code keep_answer} after the key: the answer as kept, and how long Redis keeps it. */
    public static List<String> answerArgs(String requestHash, int status, String body) {
        return List.of(answerValue(new Stored(requestHash, status, body, null)), Long.toString(ANSWER_MILLIS));
    }

    private static String answerValue(Stored stored) {
        return ANSWER + stored.requestHash() + "\n" + stored.status() + "\n" + stored.body();
    }

    public Uni<Stored> find(long memberId, String operation, String key) {
        return records.find(memberId, operation, key);
    }

    /** The stored answer replayed (same body), or 422 IDEMPOTENCY_KEY_REUSED (another body). */
    public static Response replayOrReject(Stored stored, String requestHash) {
        if (!stored.requestHash().equals(requestHash)) {
            throw Refusal.IDEMPOTENCY_KEY_REUSED.error();
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

    /** Null when we took the lease (or Redis is unavailable: PostgreSQL still guards), else the key's value. */
    private Uni<String> acquire(String redisKey, String lease) {
        return ACQUIRE.run(redis, List.of(redisKey), List.of(lease, Long.toString(LEASE_MILLIS)))
                .map(r -> r == null ? null : r.toString())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Idempotency lease skipped (Redis unavailable: %s); PostgreSQL still guards", e.getMessage());
                    return null;
                });
    }

    /** Keeps the committed answer in Redis for retries; without it they are answered from PostgreSQL. */
    private Uni<Void> remember(String redisKey, String lease, String requestHash, Response answer) {
        String body = answer.getEntity() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : answer.getEntity() instanceof String text ? text : null;
        if (body == null) {
            return release(redisKey, lease);
        }
        return keep(redisKey, lease, new Stored(requestHash, answer.getStatus(), body, null));
    }

    /** Our lease becomes the stored answer (a fresh commit's, or PostgreSQL's after Redis had forgotten it). */
    private Uni<Void> keep(String redisKey, String lease, Stored stored) {
        return REMEMBER.run(redis, List.of(redisKey),
                        List.of(lease, answerValue(stored), Long.toString(ANSWER_MILLIS)))
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    /** The answer kept in Redis, or null when the value is not one we can read (then PostgreSQL answers). */
    private static Stored decode(String value) {
        try {
            int hashEnd = value.indexOf('\n');
            int statusEnd = value.indexOf('\n', hashEnd + 1);
            return new Stored(value.substring(ANSWER.length(), hashEnd),
                    Integer.parseInt(value.substring(hashEnd + 1, statusEnd)), value.substring(statusEnd + 1), null);
        } catch (RuntimeException malformed) {
            LOG.warnf("Unreadable idempotency answer in Redis (%s); PostgreSQL answers instead", malformed);
            return null;
        }
    }

    /** The lease outlives the moment the attempt's outcome is decided by a margin; lost leases stay lost. */
    private Uni<Void> keepLease(String redisKey, String lease, Instant knownAt) {
        long millis = Math.max(1, Duration.between(Instant.now(), knownAt).toMillis()) + LEASE_MARGIN_MILLIS;
        return KEEP_LEASE.run(redis, List.of(redisKey), List.of(lease, Long.toString(millis))).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private Uni<Void> release(String redisKey, String lease) {
        return RELEASE.run(redis, List.of(redisKey), List.of(lease)).replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
