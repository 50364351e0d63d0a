package cn.hpf.mobile.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * What one admitted withdrawal (admission and payout) costs in rows written, for docs/performance.md ("Fourth pass").
 * A measurement, not a check: run by {@code bench/costs-per-withdrawal}, which also records the Redis commands
 * between the two ECHO markers sent here. PostgreSQL's table statistics reach the views only after the backends
 * flush them, which is why the counts are awaited until they stop moving.
 */
@QuarkusTest
@EnabledIfEnvironmentVariable(named = "HPF_MEASURE_COSTS", matches = "1")
class CostsPerWithdrawalMeasurement {

    private static final int N = Integer.getInteger("hpf.costs.n", 40);

    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void costsPerAdmittedWithdrawal() throws Exception {
        List<Fixtures.Member> members = new ArrayList<>();
        List<UUID> faces = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            Fixtures.Member m = Fixtures.member().create();
            members.add(m);
            faces.add(Fixtures.face(m));
        }
        // Warm the member copies the way a member's earlier reads would (an account read fills the cache).
        members.forEach(AdmissionTestSupport::available);
        Map<String, long[]> before = settledStats();
        redis.execute("ECHO", "costs:begin").await().indefinitely();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            Fixtures.Member m = members.get(i);
            ids.add(AdmissionTestSupport.post(m, AdmissionTestSupport.body("PURCHASE", 10_000, m.cardId(), faces.get(i)))
                    .then().statusCode(201).extract().path("id"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Db.queryLong(
                "SELECT count(*) FROM withdrawal WHERE status = 'PAID' AND id IN ('" + String.join("','", ids) + "')")
                == N);
        redis.execute("ECHO", "costs:end").await().indefinitely();
        Map<String, long[]> after = settledStats();
        StringBuilder out = new StringBuilder("\ncosts per withdrawal over " + N
                + " (table: inserts, updates, HOT updates, deletes; indexes)\n");
        for (var e : after.entrySet()) {
            long[] a = e.getValue();
            long[] b = before.getOrDefault(e.getKey(), new long[5]);
            if (a[0] == b[0] && a[1] == b[1] && a[3] == b[3]) {
                continue;
            }
            out.append(String.format("%-28s ins %5.2f  upd %5.2f  hot %5.2f  del %5.2f  indexes %d%n", e.getKey(),
                    (a[0] - b[0]) / (double) N, (a[1] - b[1]) / (double) N, (a[2] - b[2]) / (double) N,
                    (a[3] - b[3]) / (double) N, a[4]));
        }
        System.out.println(out);
        assertThat(after.get("withdrawal")[0] - before.get("withdrawal")[0]).isGreaterThanOrEqualTo(N);
    }

    /** Table counters once two reads a while apart agree (the backends have flushed what they counted). */
    private static Map<String, long[]> settledStats() {
        List<Map<String, long[]>> reads = new ArrayList<>();
        Awaitility.await().pollInterval(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(90)).until(() -> {
            reads.add(stats());
            int n = reads.size();
            return n >= 2 && same(reads.get(n - 1), reads.get(n - 2));
        });
        return reads.get(reads.size() - 1);
    }

    private static boolean same(Map<String, long[]> a, Map<String, long[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream()
                .allMatch(k -> java.util.Arrays.equals(a.get(k), b.get(k)));
    }

    private static Map<String, long[]> stats() throws SQLException {
        Map<String, long[]> out = new TreeMap<>();
        try (Connection c = Db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("""
                     SELECT t.relname, t.n_tup_ins, t.n_tup_upd, t.n_tup_hot_upd, t.n_tup_del,
                            (SELECT count(*) FROM pg_index i WHERE i.indrelid = t.relid)
                     FROM pg_stat_user_tables t""")) {
            while (r.next()) {
                out.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                        r.getLong(6)});
            }
        }
        return out;
    }
}
