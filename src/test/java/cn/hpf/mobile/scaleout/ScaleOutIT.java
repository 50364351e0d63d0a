package cn.hpf.mobile.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster on one machine under a withdrawal load: retries of one key on different replicas, an event stream on
 * one replica seeing another replica's payout, a replica killed, a Redis master killed and, in the full run
 * (bin/cluster-check, {@code -Dhpf.scaleout.full=true}), a rolling restart. At the end every withdrawal is PAID or
 * FAILED, paid at most once, the ledger adds up, reconciliation is clean and Redis converged. The short run (two
 * replicas of its own, the kill and the failover) is part of bin/test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final boolean FULL = Boolean.getBoolean("hpf.scaleout.full");
    private static final int MEMBERS = FULL ? 20_000 : 3_000;
    private static final Duration PHASE = Duration.ofSeconds(FULL ? 20 : 8);

    private LocalCluster cluster;
    private final List<String> report = new CopyOnWriteArrayList<>();
    private final long startedAt = System.currentTimeMillis();

    @BeforeAll
    void up() throws SQLException {
        cluster = FULL ? LocalCluster.attach() : LocalCluster.startOwn(2);
        try (Connection c = cluster.db(); Statement s = c.createStatement()) {
            s.execute("SELECT hpf_generate_members(1, " + MEMBERS + ")");
        }
        line("# Scale-out check (" + (FULL ? "full" : "short") + ": " + cluster.replicas() + " replicas)");
        line("");
    }

    @AfterAll
    void down() throws IOException {
        line("");
        line("wall time: " + (System.currentTimeMillis() - startedAt) / 1000 + " s");
        Path out = Path.of("target/scale-out");
        Files.createDirectories(out);
        Files.write(out.resolve(FULL ? "report-full.md" : "report-short.md"), report);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void retriesWithOneKeyOnDifferentReplicasMakeOneWithdrawalAndOnePayout() throws Exception {
        long member = 10_000_000L + 1;
        String token = login(cluster.url(), member);
        String face = face(cluster.url(), token);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("category", "RENT", "amountFen", 1_000, "bankCardId", member,
                "faceVerificationId", face);
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String replica = cluster.replicaUrl(1 + i % cluster.replicas());
            sent.add(HTTP.sendAsync(post(replica + "/v1/withdrawals", token, key, body),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> ids = new java.util.HashSet<>();
        List<Integer> statuses = new ArrayList<>();
        for (var f : sent) {
            HttpResponse<String> r = f.get();
            statuses.add(r.statusCode());
            if (r.statusCode() == 201) {
                ids.add(JSON.readTree(r.body()).path("id").asText());
            }
        }
        assertThat(statuses).as("answers to one key sent to every replica at once").allMatch(s -> s == 201 || s == 409);
        // Each that found the key busy retries on its replica until it gets the answer.
        List<Integer> retries = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            if (statuses.get(i) != 409) {
                continue;
            }
            String replica = cluster.replicaUrl(1 + i % cluster.replicas());
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                HttpResponse<String> r = HTTP.send(post(replica + "/v1/withdrawals", token, key, body),
                        HttpResponse.BodyHandlers.ofString());
                retries.add(r.statusCode());
                if (r.statusCode() == 201) {
                    ids.add(JSON.readTree(r.body()).path("id").asText());
                }
                return r.statusCode() == 201;
            });
        }
        assertThat(retries).as("retries of the busy ones").allMatch(s -> s == 201 || s == 409);
        assertThat(ids).as("one withdrawal").hasSize(1);
        String id = ids.iterator().next();
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(queryString(
                "SELECT status FROM withdrawal WHERE id = '" + id + "'")));
        assertThat(queryLong("SELECT count(*) FROM withdrawal w JOIN idempotency_record r ON r.resource_id = w.id::text "
                + "WHERE r.idem_key = '" + key + "'")).isEqualTo(1);
        assertThat(queryLong("SELECT count(*) FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"))
                .as("one payout").isEqualTo(1);
        line("- one Idempotency-Key sent 6 times at once, alternately to " + cluster.replicas() + " replicas: answers "
                + statuses + ", retries " + retries + " → one withdrawal, one payout");
    }

    @Test
    @Order(2)
    void anEventStreamOnOneReplicaSeesThePayoutOfAnother() throws Exception {
        long member = 10_000_000L + 2;
        String token = login(cluster.url(), member);
        String face = face(cluster.replicaUrl(2), token);
        HttpResponse<String> created = HTTP.send(post(cluster.replicaUrl(2) + "/v1/withdrawals", token,
                UUID.randomUUID().toString(), Map.of("category", "RENT", "amountFen", 1_000, "bankCardId", member,
                        "faceVerificationId", face)), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();
        List<String> events = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.replicaUrl(1)
                        + "/v1/withdrawals/" + id + "/events")).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    if (l.startsWith("data:")) {
                        events.add(l);
                    }
                }
            } catch (IOException e) {
                // closed below
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            // The bank decides in its own time (latency, asynchronous confirmations, 1 % rejections); once
            // PostgreSQL has the outcome, the stream must have it within seconds, far inside its heartbeat (a
            // minute in the check's settings): the change came by pub/sub from the replica that paid.
            String outcome = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> queryString("SELECT status FROM withdrawal WHERE id = '" + id + "'"),
                            s -> "PAID".equals(s) || "FAILED".equals(s));
            long decided = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> events.stream().anyMatch(e -> e.contains("\"" + outcome + "\"")));
            line("- event stream on replica-1 for a withdrawal admitted through replica-2 (which dispatches its payout "
                    + "at once): " + outcome + " on the stream " + (System.nanoTime() - decided) / 1_000_000
                    + " ms after PostgreSQL had it, " + (System.nanoTime() - t0) / 1_000_000 + " ms after the POST");
        } finally {
            stream.body().close();
        }
    }

    @Test
    @Order(3)
    void underLoadAKilledReplicaAndAKilledRedisMasterLoseNothingAndPayNothingTwice() throws Exception {
        int killed = cluster.replicas();
        try (WithdrawalLoad load = new WithdrawalLoad(cluster.url(), 10, MEMBERS - 10)) {
            load.start(FULL ? 12 : 6);
            hold(PHASE);

            load.phase("replica-killed");
            Set<String> leased = queryStrings("SELECT withdrawal_id::text FROM payout_outbox WHERE locked_by LIKE 'replica-"
                    + killed + "%' AND locked_until > now()");
            cluster.kill(killed);
            hold(PHASE);
            if (FULL) {
                cluster.start(killed);
            }

            load.phase("redis-master-killed");
            int master = cluster.masterOf("{m:" + (10_000_000L + 20) + "}:account");
            long t0 = System.nanoTime();
            cluster.redisKill(master);
            int survivor = cluster.redisPorts().stream().filter(p -> p != master).findFirst().orElseThrow();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> cluster.masterOf("{m:" + (10_000_000L + 20) + "}:account") != master
                            && cluster.redisClusterState(survivor).contains("cluster_state:ok"));
            long failoverMillis = (System.nanoTime() - t0) / 1_000_000;
            hold(PHASE);
            cluster.redisStart(master);

            if (FULL) {
                load.phase("rolling-restart");
                for (int i = 1; i <= cluster.replicas(); i++) {
                    cluster.stop(i);
                    cluster.start(i);
                }
            }
            load.phase("after");
            hold(PHASE);
            load.close();

            List<WithdrawalLoad.Answer> answers = load.answers();
            line("- withdrawals asked for: " + load.outcomes().size() + "; answers by phase and status:");
            load.tally().forEach((k, v) -> line("  - " + k + ": " + v));
            line("- Redis failover (master :" + master + " killed → a replica serving its slots, cluster ok): "
                    + failoverMillis + " ms");
            line("- payouts leased by the killed replica at the kill: " + leased.size());

            assertThat(answers).as("no 500, no hang, anywhere")
                    .noneMatch(a -> a.status() == 500 || a.status() == -1);
            assertThat(answers).as("every 503 says when to retry")
                    .filteredOn(a -> a.status() == 503).allMatch(a -> a.retryAfter() != null);
            assertThat(answers).as("a broken connection or a 502 only where a replica was killed")
                    .filteredOn(a -> a.status() == 0 || a.status() == 502 || a.status() == 504)
                    .allMatch(a -> a.phase().equals("replica-killed"));
            assertThat(answers).as("503s during the failover come within 2 s")
                    .filteredOn(a -> a.phase().equals("redis-master-killed") && a.status() == 503)
                    .allMatch(a -> a.millis() <= 2_000);
            assertThat(load.idsByKey().values()).as("one withdrawal per Idempotency-Key").allMatch(s -> s.size() == 1);
            assertThat(load.outcomes()).as("every withdrawal the load asked for was decided")
                    .allMatch(o -> o.finalStatus() == 201 || o.finalStatus() == 422);
            long accepted = load.outcomes().stream().filter(o -> o.finalStatus() == 201).count();
            assertThat(accepted).as("withdrawals admitted").isPositive();

            Set<String> ids = load.idsByKey().values().stream().flatMap(Set::stream).collect(Collectors.toSet());
            String idList = ids.stream().map(i -> "'" + i + "'").collect(Collectors.joining(","));
            assertThat(queryLong("SELECT count(*) FROM withdrawal WHERE id IN (" + idList + ")"))
                    .as("every admitted withdrawal is in PostgreSQL").isEqualTo(ids.size());
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> queryLong(
                    "SELECT count(*) FROM withdrawal WHERE status NOT IN ('PAID', 'FAILED', 'RETURNED')") == 0);
            line("- admitted " + accepted + "; then every withdrawal ended: "
                    + queryString("SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n "
                    + "FROM withdrawal GROUP BY status ORDER BY status) s"));
            if (!leased.isEmpty()) {
                assertThat(queryLong("SELECT count(*) FROM withdrawal WHERE id::text IN ("
                        + leased.stream().map(i -> "'" + i + "'").collect(Collectors.joining(","))
                        + ") AND status IN ('PAID', 'FAILED')")).as("the killed replica's payouts were finished")
                        .isEqualTo(leased.size());
            }
        }
        assertThat(queryLong("SELECT count(*) FROM withdrawal w LEFT JOIN sandbox_bank_payment p "
                + "ON p.withdrawal_id = w.id AND p.outcome = 'PAID' WHERE (w.status = 'PAID') <> (p.withdrawal_id IS NOT NULL)"))
                .as("PAID exactly where the bank paid").isZero();
        assertThat(queryLong("SELECT count(*) FROM account a WHERE a.held_fen <> 0 OR a.balance_fen <> "
                + "(SELECT coalesce(sum(amount_fen), 0) FROM ledger_entry l WHERE l.member_id = a.member_id)"))
                .as("balances are their ledgers, nothing held").isZero();
        line("- bank calls repeated for one payout (answered from the bank's memory, paid once): "
                + queryLong("SELECT count(*) FROM sandbox_bank_payment WHERE pay_calls > 1"));
        // Every replica's scheduler fired each run; PostgreSQL let one replica claim each fire time.
        assertThat(queryLong("SELECT count(DISTINCT fire_time) FROM job_run WHERE job = 'loan-auto-transfer'"))
                .as("auto-transfer runs claimed").isGreaterThanOrEqualTo(3);
        line("- once-per-cluster job runs by replica: " + queryString("SELECT string_agg(job || ' ' || i || ' ' || n, "
                + "'; ') FROM (SELECT job, split_part(instance, '-', 1) || '-' || split_part(instance, '-', 2) i, "
                + "count(*) n FROM job_run GROUP BY 1, 2 ORDER BY 1, 2) s"));

        String operator = operatorLogin();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            JsonNode r = get(cluster.url() + "/v1/ops/reconciliation", operator);
            return r.path("clean").asBoolean() && r.path("totals").path("redisAccountsBehind").asLong() == 0;
        });
        JsonNode r = get(cluster.url() + "/v1/ops/reconciliation", operator);
        line("- reconciliation clean; Redis account copies checked on every master: "
                + r.path("totals").path("redisAccountsChecked").asLong() + ", behind: 0");
    }

    private void line(String text) {
        report.add(text);
        System.out.println("[scale-out] " + text);
    }

    /** The load runs on its own threads; the phase simply lasts this long. */
    private static void hold(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    private static String login(String url, long member) throws Exception {
        HttpResponse<String> r = HTTP.send(post(url + "/v1/auth/token", null, null, Map.of("memberNo",
                WithdrawalLoad.memberNo(member), "password", WithdrawalLoad.PASSWORD, "channel", "APP")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("accessToken").asText();
    }

    private String operatorLogin() throws Exception {
        HttpResponse<String> r = HTTP.send(post(cluster.url() + "/v1/auth/operator-token", null, null,
                Map.of("username", "ops", "password", "Ops@2026")), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("accessToken").asText();
    }

    private static String face(String url, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(post(url + "/v1/face-verifications", token, null,
                Map.of("purpose", "WITHDRAWAL")), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = JSON.readTree(r.body()).path("id").asText();
        HttpResponse<String> done = HTTP.send(post(url + "/sandbox/face-provider/verifications/" + id + "/complete",
                token, null, Map.of("outcome", "PASS")), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isLessThan(300);
        return id;
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.nullNode();
    }

    private static HttpRequest post(String url, String token, String key, Map<String, Object> body) {
        return WithdrawalLoad.post(url, token, key, body, Duration.ofSeconds(30));
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection c = cluster.db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String queryString(String sql) throws SQLException {
        try (Connection c = cluster.db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private Set<String> queryStrings(String sql) throws SQLException {
        Set<String> out = new java.util.HashSet<>();
        try (Connection c = cluster.db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
