package cn.hpf.mobile.outlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.hpf.mobile.support.Db;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Nearest first is PostgreSQL's k-nearest-neighbour index scan, not a sort of every row: the very statements of
 * {@link OutletRepository} and {@link BankRepository}, explained over thousands of synthetic places spread over
 * the province (inserted in a transaction that is rolled back), read their GiST index in {@code <->} order and only
 * the rows they return, under the generic plan a kept prepared statement ends up with as under a custom one. The
 * answer matches a great-circle brute force over the same rows. {@code -Dhpf.outlet.plan-rows=50000} explains over
 * more rows; each plan's execution time is printed (with the time the same statement takes without the index).
 */
@QuarkusTest
class NearestFirstPlanTest {

    private static final int ROWS = Integer.getInteger("hpf.outlet.plan-rows", 5_000);
    private static final Pattern NAMED = Pattern.compile("(?<!:):([a-zA-Z][a-zA-Z0-9]*)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double LAT = 30.1745;
    private static final double LNG = 120.2975;

    @Test
    void eachBanksNearestBranchesComeFromTheGistIndexReadingOnlyThoseReturned() throws SQLException {
        int perBank = 10;
        try (Connection c = Db.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("""
                        WITH codes AS (SELECT array_agg(code ORDER BY code) AS c FROM bank)
                        INSERT INTO bank_branch (id, bank_code, name, address, lat, lng)
                        SELECT 'syn-' || g, c[1 + g %% cardinality(c)], 'synthetic ' || g, 'synthetic',
                               27.0 + (g * 7919 %% 42000) / 10000.0, 118.0 + (g * 104729 %% 49000) / 10000.0
                        FROM codes, generate_series(CAST(1 AS BIGINT), %d) g
                        """.formatted(ROWS));
                st.execute("ANALYZE bank_branch");
                int branches = (int) count(c, "SELECT count(*) FROM bank_branch");
                int loanBanks = (int) count(c, "SELECT count(*) FROM bank_role WHERE role = 'LOAN'");
                Map<String, Object> args = Map.of("lat", LAT, "lng", LNG, "perBank", perBank, "role", "LOAN");
                for (String mode : List.of("force_generic_plan", "force_custom_plan")) {
                    st.execute("SET LOCAL plan_cache_mode = " + mode);
                    JsonNode plan = explain(c, BankRepository.NEAREST_BRANCHES_IN_ROLE, args);
                    JsonNode scan = onlyScanOf(plan, "bank_branch");
                    assertThat(scan.path("Node Type").asText()).as(mode).isEqualTo("Index Scan");
                    assertThat(scan.path("Index Name").asText()).isEqualTo("bank_branch_nearest");
                    assertThat(scan.path("Index Cond").asText()).contains("bank_code = b.code");
                    assertThat(scan.path("Order By").asText()).startsWith("(location <-> ");
                    assertThat(rowsRead(scan)).as("branch rows read of " + branches)
                            .isLessThanOrEqualTo(loanBanks * perBank);
                    report("branches, nearest per loan bank", branches, mode, c,
                            BankRepository.NEAREST_BRANCHES_IN_ROLE, args);
                }
                st.execute("SET LOCAL plan_cache_mode = force_custom_plan");
                st.execute("SET LOCAL enable_indexscan = off");
                st.execute("SET LOCAL enable_bitmapscan = off");
                report("branches, nearest per loan bank", branches, "without the index", c,
                        BankRepository.NEAREST_BRANCHES_IN_ROLE, args);
                st.execute("RESET enable_indexscan");
                st.execute("RESET enable_bitmapscan");

                // The index's answer is the great circle's: every bank's nearest branches, banks by their nearest.
                Map<String, List<String>> answer = new LinkedHashMap<>();
                Map<String, Double> distanceOf = new HashMap<>();
                try (ResultSet rs = run(c, BankRepository.NEAREST_BRANCHES, args)) {
                    while (rs.next()) {
                        answer.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                        distanceOf.put(rs.getString(2), rs.getDouble(3));
                    }
                }
                Map<String, List<Place>> all = new HashMap<>();
                try (ResultSet rs = st.executeQuery("SELECT bank_code, id, lat, lng FROM bank_branch")) {
                    while (rs.next()) {
                        all.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Place(rs.getString(2),
                                Haversine.metres(LAT, LNG, rs.getDouble(3), rs.getDouble(4))));
                    }
                }
                Map<String, List<String>> expected = all.entrySet().stream()
                        .sorted(Comparator.comparingDouble(e -> e.getValue().stream()
                                .mapToDouble(Place::metres).min().orElseThrow()))
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream()
                                .sorted(Comparator.comparingDouble(Place::metres)).limit(perBank)
                                .map(Place::id).toList(), (a, b) -> a, LinkedHashMap::new));
                assertThat(answer).containsExactlyEntriesOf(expected);
                all.values().stream().flatMap(List::stream).filter(p -> distanceOf.containsKey(p.id()))
                        .forEach(p -> assertThat(distanceOf.get(p.id())).as(p.id()).isCloseTo(p.metres(), within(1.0)));
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void nearestOutletsComeFromTheGistIndexWithOrWithoutAServiceFilter() throws SQLException {
        int limit = 20;
        try (Connection c = Db.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("""
                        INSERT INTO outlet (id, name, address, lat, lng, hours)
                        SELECT 'syn-' || g, 'synthetic ' || g, 'synthetic',
                               27.0 + (g * 7919 %% 42000) / 10000.0, 118.0 + (g * 104729 %% 49000) / 10000.0, '-'
                        FROM generate_series(CAST(1 AS BIGINT), %d) g
                        """.formatted(ROWS));
                // Like the town outlets: the members' common services everywhere, settling abroad at one in ten.
                st.execute("""
                        INSERT INTO outlet_service (outlet_id, service_code)
                        SELECT o.id, s.service_code FROM outlet o
                        JOIN outlet_service s ON s.outlet_id = 'xs-guali'
                        WHERE o.id LIKE 'syn-%%'
                        UNION ALL
                        SELECT 'syn-' || g, 'WITHDRAW_EMIGRATION' FROM generate_series(10, %d, 10) g
                        """.formatted(ROWS));
                st.execute("ANALYZE outlet");
                st.execute("ANALYZE outlet_service");
                int outlets = (int) count(c, "SELECT count(*) FROM outlet");
                Map<String, Object> args = Map.of("lat", LAT, "lng", LNG, "limit", limit);
                for (String mode : List.of("force_generic_plan", "force_custom_plan")) {
                    st.execute("SET LOCAL plan_cache_mode = " + mode);
                    JsonNode scan = onlyScanOf(explain(c, OutletRepository.NEAREST, args), "outlet");
                    assertNearestFirst(scan, mode);
                    assertThat(rowsRead(scan)).isEqualTo(limit);
                    report("outlets", outlets, mode, c, OutletRepository.NEAREST, args);
                    // Handled everywhere: the nearest are the answer; at one outlet in ten: about ten times as many.
                    for (var service : Map.of("LOAN_APPLICATION", 2 * limit, "WITHDRAW_EMIGRATION", 20 * limit)
                            .entrySet()) {
                        Map<String, Object> handling = new HashMap<>(args);
                        handling.put("service", service.getKey());
                        scan = onlyScanOf(explain(c, OutletRepository.NEAREST_HANDLING, handling), "outlet");
                        assertNearestFirst(scan, mode + " " + service.getKey());
                        assertThat(rowsRead(scan)).as("outlet rows read of " + outlets)
                                .isLessThanOrEqualTo(service.getValue());
                        report("outlets handling " + service.getKey(), outlets, mode, c,
                                OutletRepository.NEAREST_HANDLING, handling);
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static void assertNearestFirst(JsonNode scan, String mode) {
        assertThat(scan.path("Node Type").asText()).as(mode).isEqualTo("Index Scan");
        assertThat(scan.path("Index Name").asText()).isEqualTo("outlet_location");
        assertThat(scan.path("Order By").asText()).startsWith("(location <-> ");
    }

    /** EXPLAIN ANALYZE of the statement as the application sends it: named parameters become $1, $2, … */
    private static JsonNode explain(Connection c, String sql, Map<String, Object> args) throws SQLException {
        List<String> names = new ArrayList<>();
        Matcher m = NAMED.matcher(sql);
        StringBuilder positional = new StringBuilder();
        while (m.find()) {
            if (!names.contains(m.group(1))) {
                names.add(m.group(1));
            }
            m.appendReplacement(positional, "\\$" + (names.indexOf(m.group(1)) + 1));
        }
        m.appendTail(positional);
        String values = names.stream().map(n -> literal(args.get(n))).collect(Collectors.joining(", "));
        try (Statement st = c.createStatement()) {
            st.execute("PREPARE nearest_first AS " + positional);
            try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE nearest_first(" + values + ")")) {
                rs.next();
                return JSON.readTree(rs.getString(1)).get(0);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } finally {
                st.execute("DEALLOCATE nearest_first");
            }
        }
    }

    /** The statement with its named parameters bound, run as a JDBC prepared statement. */
    private static ResultSet run(Connection c, String sql, Map<String, Object> args) throws SQLException {
        List<Object> bound = new ArrayList<>();
        Matcher m = NAMED.matcher(sql);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            bound.add(args.get(m.group(1)));
            m.appendReplacement(text, "?");
        }
        m.appendTail(text);
        PreparedStatement ps = c.prepareStatement(text.toString());
        for (int i = 0; i < bound.size(); i++) {
            ps.setObject(i + 1, bound.get(i));
        }
        ps.closeOnCompletion();
        return ps.executeQuery();
    }

    private static String literal(Object value) {
        return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value);
    }

    /** The one plan node that reads this table; fails when the table is read twice. */
    private static JsonNode onlyScanOf(JsonNode explained, String table) {
        List<JsonNode> scans = new ArrayList<>();
        collect(explained.get("Plan"), table, scans);
        assertThat(scans).as("nodes reading " + table).hasSize(1);
        return scans.get(0);
    }

    private static void collect(JsonNode node, String table, List<JsonNode> into) {
        if (table.equals(node.path("Relation Name").asText())) {
            into.add(node);
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, table, into);
        }
    }

    private static long rowsRead(JsonNode scan) {
        return scan.path("Actual Rows").asLong() * scan.path("Actual Loops").asLong()
                + scan.path("Rows Removed by Filter").asLong() * scan.path("Actual Loops").asLong();
    }

    /** The fastest of three executions (the first one also warms the caches up). */
    private static void report(String what, int rows, String mode, Connection c, String sql, Map<String, Object> args)
            throws SQLException {
        double fastest = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            fastest = Math.min(fastest, explain(c, sql, args).path("Execution Time").asDouble());
        }
        System.out.printf("nearest-first plan: %s, %,d rows, %s: %.3f ms%n", what, rows, mode, fastest);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Place(String id, double metres) {
    }
}
