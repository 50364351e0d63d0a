package cn.hpf.mobile.ops.switches;

import cn.hpf.mobile.audit.AuditRepository;
import cn.hpf.mobile.common.db.ControlPool;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/** The switches' rows; each change is audited in its own statement (audit_log). */
@ApplicationScoped
public class SwitchRepository {

    private static final String ALL = "SELECT name, paused, changed_by, changed_at, reason FROM ops_switch";

    /**
     * Sets a switch and records the action in one statement: the row is locked first, so concurrent operators are
     * serialised and each audit row says truly whether it changed anything. A switch already in the asked state
     * keeps who changed it and why; the request is audited all the same.
     */
    private static final String SET = """
            WITH o AS (
                SELECT name, paused, changed_by, changed_at, reason FROM ops_switch WHERE name = $1 FOR UPDATE
            ), u AS (
                UPDATE ops_switch s SET paused = $2, changed_by = $3, changed_at = now(), reason = $4
                FROM o WHERE s.name = o.name AND o.paused <> $2
                RETURNING s.name, s.paused, s.changed_by, s.changed_at, s.reason
            )%s
            SELECT u.name, u.paused, u.changed_by, u.changed_at, u.reason FROM u
            UNION ALL
            SELECT o.name, o.paused, o.changed_by, o.changed_at, o.reason FROM o WHERE NOT EXISTS (SELECT 1 FROM u)
            """.formatted(AuditRepository.appendAction("$5").from("o").by("$3", "'OPS'", "NULL", "$6").target("o.name")
            .result("CASE WHEN o.paused <> $2 THEN 'CHANGED' ELSE 'UNCHANGED' END").reason("$4")
            .changed("EXISTS (SELECT 1 FROM u)").cte());

    private final Pool db;
    private final ControlPool control;

    public SwitchRepository(Pool db, ControlPool control) {
        this.db = db;
        this.control = control;
    }

    /** For the replicas' poll, on the control connection: a pause is wanted most when the request pool is saturated. */
    public Uni<Map<ClusterSwitch, SwitchState>> polled() {
        return all(control.pool(db));
    }

    /**
     * For an operator's read, on the request pool like every other read: on the control connection a flood of them
     * would starve the polls that members' requests depend on (signed-out sessions).
     */
    public Uni<Map<ClusterSwitch, SwitchState>> read() {
        return all(db);
    }

    private static Uni<Map<ClusterSwitch, SwitchState>> all(Pool pool) {
        return pool.query(ALL).execute().map(rows -> {
            Map<ClusterSwitch, SwitchState> found = new EnumMap<>(ClusterSwitch.class);
            for (Row r : rows) {
                SwitchState s = state(r);
                found.put(s.name(), s);
            }
            for (ClusterSwitch s : ClusterSwitch.values()) {
                found.putIfAbsent(s, SwitchState.open(s));
            }
            return found;
        });
    }

    Uni<SwitchState> set(ClusterSwitch which, boolean paused, String operator, String reason, String client) {
        String action = which.name() + (paused ? "_PAUSE" : "_RESUME");
        return db.preparedQuery(SET).execute(Tuple.of(which.name(), paused, operator, reason, action, client))
                .map(rows -> state(rows.iterator().next()));
    }

    private static SwitchState state(Row r) {
        var at = r.getOffsetDateTime("changed_at");
        return new SwitchState(ClusterSwitch.valueOf(r.getString("name")), r.getBoolean("paused"),
                r.getString("changed_by"), at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC),
                r.getString("reason"));
    }
}
