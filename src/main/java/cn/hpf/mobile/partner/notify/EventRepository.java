package cn.hpf.mobile.partner.notify;

import cn.hpf.mobile.audit.AuditRepository;
import cn.hpf.mobile.common.Operator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Partner events: their numbering, their delivery and its log, the feed. */
@ApplicationScoped
public class EventRepository {

    private static final String APPS_WAITING = """
            SELECT DISTINCT app_id FROM channel_event WHERE sequence IS NULL LIMIT 100
            """;

    /** Taken first, in the same transaction as the numbering: one numbering of an app at a time. */
    private static final String LOCK_APP = "SELECT last_sequence FROM channel_app WHERE app_id = $1 FOR UPDATE";

    /** Numbers the app's committed events after its last sequence, oldest first ($2 at most). */
    private static final String NUMBER = """
            WITH todo AS (
                SELECT event_id, row_number() OVER (ORDER BY created_at, event_id) AS n
                FROM (SELECT event_id, created_at FROM channel_event WHERE app_id = $1 AND sequence IS NULL
                      ORDER BY created_at, event_id LIMIT $2) oldest
            ), numbered AS (
                UPDATE channel_event e SET sequence = $3 + todo.n, next_attempt_at = clock_timestamp()
                FROM todo WHERE e.event_id = todo.event_id
                RETURNING e.sequence
            )
            UPDATE channel_app SET last_sequence = $3 + (SELECT count(*) FROM numbered)
            WHERE app_id = $1
            RETURNING (SELECT count(*) FROM numbered) AS numbered
            """;

    /**
     * Leases due deliveries of active apps, skipping rows another replica is delivering. An event waits while an
     * earlier event of the same withdrawal or prepayment is still pending: a partner gets them in order.
     */
    private static final String CLAIM = """
            WITH due AS (
                SELECT e.event_id FROM channel_event e
                WHERE e.delivery_status = %1$s AND e.sequence IS NOT NULL AND e.next_attempt_at <= clock_timestamp()
                  AND (e.locked_until IS NULL OR e.locked_until < clock_timestamp())
                  AND NOT EXISTS (SELECT 1 FROM channel_event p
                                  WHERE p.entity_id = e.entity_id AND p.app_id = e.app_id AND p.sequence < e.sequence
                                    AND p.delivery_status = %1$s)
                  AND EXISTS (SELECT 1 FROM channel_app a WHERE a.app_id = e.app_id AND a.status = 'ACTIVE')
                ORDER BY e.next_attempt_at
                LIMIT $2
                FOR UPDATE OF e SKIP LOCKED
            )
            UPDATE channel_event e
            SET locked_by = $1, locked_until = clock_timestamp() + $3 * interval '1 millisecond', attempts = e.attempts + 1
            FROM due, channel_app a
            WHERE e.event_id = due.event_id AND a.app_id = e.app_id
            RETURNING e.event_id, e.app_id, e.sequence, e.type, e.created_at, e.data, e.attempts, a.notify_url
            """.formatted(DeliveryStatus.PENDING.sql());

    /**
     * The outcome of one attempt, and the attempt in the log. Only while the lease is ours: a replica that took an
     * expired lease over owns the row now.
     */
    private static final String RECORD = """
            WITH e AS (
                UPDATE channel_event
                SET delivery_status = CASE WHEN $3 THEN %1$s WHEN $4::bigint IS NULL THEN %2$s ELSE delivery_status END,
                    delivered_at = CASE WHEN $3 THEN clock_timestamp() ELSE delivered_at END,
                    next_attempt_at = CASE WHEN $4::bigint IS NULL THEN next_attempt_at
                                           ELSE clock_timestamp() + $4 * interval '1 millisecond' END,
                    locked_by = NULL, locked_until = NULL
                WHERE event_id = $1 AND locked_by = $2 AND delivery_status = %3$s
                RETURNING event_id, attempts
            )
            INSERT INTO channel_delivery_attempt (event_id, attempt, attempted_at, http_status, latency_ms, error, instance)
            SELECT e.event_id, e.attempts, $5, $6, $7, $8, $2 FROM e
            """.formatted(DeliveryStatus.DELIVERED.sql(), DeliveryStatus.FAILED.sql(), DeliveryStatus.PENDING.sql());

    /** An operator's replay, audited in its statement. */
    private static final String REPLAY = """
            WITH e AS (
                UPDATE channel_event
                SET delivery_status = %s, attempts = 0, next_attempt_at = clock_timestamp(), locked_by = NULL,
                    locked_until = NULL
                WHERE event_id = $1 AND delivery_status IN (%s) AND sequence IS NOT NULL
                RETURNING event_id, app_id, type
            )%s
            SELECT event_id FROM e
            """.formatted(DeliveryStatus.PENDING.sql(), DeliveryStatus.PENDING.sqlFrom(),
            AuditRepository.append("DELIVERY_REPLAY").from("e").by("$2", "'OPS'", "e.app_id", "$3")
                    .target("e.event_id").result("e.type").cte());

    private static final String FEED = """
            SELECT event_id, sequence, type, created_at, data FROM channel_event
            WHERE app_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3
            """;

    private static final String DELIVERIES = """
            SELECT e.event_id, e.sequence, e.type, e.entity_id, e.delivery_status, e.attempts, e.next_attempt_at,
                   e.delivered_at, e.created_at,
                   coalesce((SELECT json_agg(json_build_object('attempt', d.attempt, 'at', d.attempted_at,
                                                               'httpStatus', d.http_status, 'latencyMs', d.latency_ms,
                                                               'error', d.error, 'instance', d.instance)
                                             ORDER BY d.id)
                             FROM channel_delivery_attempt d WHERE d.event_id = e.event_id), '[]'::json) AS log
            FROM channel_event e
            WHERE e.app_id = $1 AND ($2::text IS NULL OR e.delivery_status = $2) AND e.sequence IS NOT NULL
            ORDER BY e.sequence DESC LIMIT $3
            """;

    private static final String PRUNE = """
            DELETE FROM channel_event WHERE event_id IN (
                SELECT event_id FROM channel_event
                WHERE created_at < clock_timestamp() - $1 * interval '1 millisecond' AND delivery_status <> %s
                LIMIT 10000)
            """.formatted(DeliveryStatus.PENDING.sql());

    private final Pool db;

    public EventRepository(Pool db) {
        this.db = db;
    }

    /** A delivery this replica leased. */
    record Claimed(UUID eventId, String appId, ChannelEvent event, int attempt, String notifyUrl) {
    }

    /** A delivery with its attempts, for operators. */
    public record Delivery(UUID eventId, long sequence, String type, UUID entityId, String status, int attempts,
                           OffsetDateTime nextAttemptAt, OffsetDateTime deliveredAt, OffsetDateTime createdAt,
                           List<Attempt> log) {
    }

    public record Attempt(int attempt, OffsetDateTime at, Integer httpStatus, int latencyMs, String error,
                          String instance) {
    }

    Uni<List<String>> appsWaiting() {
        return db.query(APPS_WAITING).execute().map(rows -> {
            List<String> out = new ArrayList<>();
            rows.forEach(r -> out.add(r.getString(0)));
            return out;
        });
    }

    /** Numbers up to {@code max} of the app's waiting events; answers how many. */
    Uni<Long> number(String appId, int max) {
        return db.withTransaction(c -> c.preparedQuery(LOCK_APP).execute(Tuple.of(appId)).chain(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return Uni.createFrom().item(0L);
            }
            long last = it.next().getLong(0);
            return c.preparedQuery(NUMBER).execute(Tuple.of(appId, max, last))
                    .map(done -> done.iterator().next().getLong("numbered"));
        }));
    }

    Uni<List<Claimed>> claim(String instance, int limit, Duration lease) {
        return db.preparedQuery(CLAIM).execute(Tuple.of(instance, limit, lease.toMillis())).map(rows -> {
            List<Claimed> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Claimed(r.getUUID("event_id"), r.getString("app_id"), event(r), r.getInteger("attempts"),
                        r.getString("notify_url")));
            }
            return out;
        });
    }

    /** {@code retryInMillis} null: no further attempt (delivered, or the schedule ran out). */
    Uni<Void> record(UUID eventId, String instance, boolean delivered, Long retryInMillis, OffsetDateTime at,
                     Integer httpStatus, int latencyMs, String error) {
        return db.preparedQuery(RECORD).execute(Tuple.from(Arrays.asList(eventId, instance, delivered,
                delivered ? null : retryInMillis, at, httpStatus, latencyMs, error))).replaceWithVoid();
    }

    Uni<Boolean> replay(UUID eventId, Operator by) {
        return db.preparedQuery(REPLAY).execute(Tuple.of(eventId, by.subject(), by.clientAddress()))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Boolean> exists(UUID eventId) {
        return db.preparedQuery("SELECT 1 FROM channel_event WHERE event_id = $1").execute(Tuple.of(eventId))
                .map(rows -> rows.rowCount() > 0);
    }

    Uni<List<ChannelEvent>> feed(String appId, long after, int limit) {
        return db.preparedQuery(FEED).execute(Tuple.of(appId, after, limit)).map(rows -> {
            List<ChannelEvent> out = new ArrayList<>();
            rows.forEach(r -> out.add(event(r)));
            return out;
        });
    }

    Uni<List<Delivery>> deliveries(String appId, String status, int limit) {
        return db.preparedQuery(DELIVERIES).execute(Tuple.of(appId, status, limit)).map(rows -> {
            List<Delivery> out = new ArrayList<>();
            for (Row r : rows) {
                List<Attempt> log = new ArrayList<>();
                Object raw = r.getValue("log");
                JsonArray a = raw instanceof JsonArray j ? j : new JsonArray(String.valueOf(raw));
                for (Object o : a) {
                    JsonObject x = (JsonObject) o;
                    log.add(new Attempt(x.getInteger("attempt"), OffsetDateTime.parse(x.getString("at")),
                            x.getInteger("httpStatus"), x.getInteger("latencyMs"), x.getString("error"),
                            x.getString("instance")));
                }
                out.add(new Delivery(r.getUUID("event_id"), r.getLong("sequence"), r.getString("type"),
                        r.getUUID("entity_id"), r.getString("delivery_status"), r.getInteger("attempts"),
                        r.getOffsetDateTime("next_attempt_at"), r.getOffsetDateTime("delivered_at"),
                        r.getOffsetDateTime("created_at"), log));
            }
            return out;
        });
    }

    Uni<Integer> prune(Duration retention) {
        return db.preparedQuery(PRUNE).execute(Tuple.of(retention.toMillis())).map(RowSet::rowCount);
    }

    private static ChannelEvent event(Row r) {
        Object data = r.getValue("data");
        JsonObject json = data instanceof JsonObject j ? j : new JsonObject(String.valueOf(data));
        return new ChannelEvent(r.getUUID("event_id"), r.getLong("sequence"), r.getString("type"),
                r.getOffsetDateTime("created_at"), json.getMap());
    }
}
