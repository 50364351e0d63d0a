package cn.hpf.mobile.scaleout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cluster on one machine that bin/cluster runs (replicas behind HAProxy, a six-node Redis Cluster, PostgreSQL),
 * driven from a test: either one it starts itself on ports of its own, or the one bin/cluster-check started.
 */
final class LocalCluster implements AutoCloseable {

    /**
     * As bin/cluster-check sets them: the once-per-cluster jobs (daily and monthly in production) every few seconds,
     * so that a short run shows each fire time claimed by one replica (both are idempotent: a second run in a month
     * changes nothing), a bank slow enough that a killed replica leaves payouts leased behind it, and event streams
     * whose heartbeat (which re-reads PostgreSQL) is too rare to pass for pub/sub.
     */
    static final Map<String, String> CHECK_SETTINGS = Map.of(
            "HPF_LOAN_AUTO_TRANSFER_CRON", "*/5 * * * * ?",
            "HPF_PARTNER_HOUSEKEEPING_CRON", "*/7 * * * * ?",
            "HPF_BANK_SANDBOX_LATENCY_MIN", "PT0.5S",
            "HPF_BANK_SANDBOX_LATENCY_MAX", "PT2S",
            "HPF_PAYOUT_SSE_HEARTBEAT", "PT60S");

    private final Map<String, String> env;
    private final boolean owned;
    private final int replicas;

    private LocalCluster(Map<String, String> env, boolean owned, int replicas) {
        this.env = env;
        this.owned = owned;
        this.replicas = replicas;
    }

    /** A cluster of this test's own: its directory, ports and database, so it runs beside anything else. */
    static LocalCluster startOwn(int replicas) {
        return startOwn(replicas, "it-cluster", 8200, CHECK_SETTINGS);
    }

    /**
     * A cluster of its own named {@code name} (directory target/NAME, database hpf_NAME with dashes as
     * underscores), on ports from {@code portBase}: the balancer at +88, replicas from +81, Redis from
     * portBase - 999 (six ports), so that ITs with different names and bases never share anything.
     */
    static LocalCluster startOwn(int replicas, String name, int portBase, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>();
        env.put("HPF_CLUSTER_DIR", "target/" + name);
        env.put("HPF_CLUSTER_PORT", Integer.toString(portBase + 88));
        env.put("HPF_CLUSTER_APP_PORT", Integer.toString(portBase + 81));
        env.put("HPF_CLUSTER_REDIS_PORT", Integer.toString(portBase - 1000 + 1));
        env.put("HPF_CLUSTER_DB", "hpf_" + name.replace('-', '_'));
        env.put("HPF_SKIP_BUILD", "1");
        env.putAll(settings);
        LocalCluster cluster = new LocalCluster(env, true, replicas);
        cluster.run("down");
        cluster.dropDatabase();
        cluster.run("up", Integer.toString(replicas));
        return cluster;
    }

    /** The cluster bin/cluster-check started (its settings in the environment). */
    static LocalCluster attach() {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("HPF_CLUSTER_DIR", "HPF_CLUSTER_PORT", "HPF_CLUSTER_APP_PORT",
                "HPF_CLUSTER_REDIS_PORT", "HPF_CLUSTER_DB")) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.put("HPF_SKIP_BUILD", "1");
        return new LocalCluster(env, false, Integer.parseInt(System.getenv().getOrDefault("HPF_CLUSTER_REPLICAS", "3")));
    }

    int replicas() {
        return replicas;
    }

    String url() {
        return "http://127.0.0.1:" + env.getOrDefault("HPF_CLUSTER_PORT", "8088");
    }

    String replicaUrl(int i) {
        return "http://127.0.0.1:" + (Integer.parseInt(env.getOrDefault("HPF_CLUSTER_APP_PORT", "8181")) + i - 1);
    }

    List<Integer> redisPorts() {
        int first = Integer.parseInt(env.getOrDefault("HPF_CLUSTER_REDIS_PORT", "7101"));
        List<Integer> ports = new ArrayList<>();
        for (int p = first; p < first + 6; p++) {
            ports.add(p);
        }
        return ports;
    }

    Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/"
                + env.getOrDefault("HPF_CLUSTER_DB", "hpf_cluster"), "hpf", "hpf");
    }

    /** A clean slate: the database is made again by bin/cluster up (bin/services), migrated by the first replica. */
    private void dropDatabase() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "hpf", "hpf")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + env.get("HPF_CLUSTER_DB") + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the cluster test's database", e);
        }
    }

    void kill(int replica) {
        run("kill", Integer.toString(replica));
    }

    void stop(int replica) {
        run("stop", Integer.toString(replica));
    }

    void start(int replica) {
        run("start", Integer.toString(replica));
    }

    void redisKill(int port) {
        run("redis-kill", Integer.toString(port));
    }

    void redisStart(int port) {
        run("redis-start", Integer.toString(port));
    }

    /** The port of the master serving KEY's slot, or -1 while none does (a failover under way). */
    int masterOf(String key) {
        String port = run("redis-master-of", key).trim();
        return port.isEmpty() ? -1 : Integer.parseInt(port);
    }

    /** The Redis Cluster's own view: every slot served and every node agreeing. */
    String redisClusterState(int port) {
        return command(List.of("redis-cli", "-p", Integer.toString(port), "cluster", "info"));
    }

    String status() {
        return run("status");
    }

    @Override
    public void close() {
        if (owned) {
            run("down");
        }
    }

    private String run(String... args) {
        List<String> command = new ArrayList<>(List.of("bin/cluster"));
        command.addAll(List.of(args));
        return command(command);
    }

    private String command(List<String> command) {
        try {
            // Output to a file, not a pipe: the processes bin/cluster starts outlive it and would hold a pipe open.
            Path out = Files.createTempFile("bin-cluster", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            Process p = builder.start();
            boolean ended = p.waitFor(5, TimeUnit.MINUTES);
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            if (!ended || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + text + tail());
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String tail() {
        Path log = Path.of(env.getOrDefault("HPF_CLUSTER_DIR", "target/cluster"), "app-1.log");
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n" + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
