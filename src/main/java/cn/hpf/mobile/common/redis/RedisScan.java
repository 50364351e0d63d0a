package cn.hpf.mobile.common.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Walks the keys that match a pattern with SCAN (never KEYS), in bounded steps: the one place that enumerates keys.
 * On a Redis Cluster a SCAN sees the node it runs on only, so there it walks every master in turn, each through a
 * short-lived connection of its own (the cluster client routes by key and cannot be pointed at a node). A master
 * that fails over during the walk may be missed once; the callers are periodic checks that catch it next time.
 */
@ApplicationScoped
public class RedisScan {

    private static final int STEP = 1000;

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final boolean cluster;
    private final Optional<String> password;
    private final Optional<String> user;

    public RedisScan(ReactiveRedisDataSource redis, Vertx vertx,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType,
            @ConfigProperty(name = "quarkus.redis.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.redis.username") Optional<String> user) {
        this.redis = redis;
        this.vertx = vertx;
        this.cluster = "cluster".equalsIgnoreCase(clientType);
        this.password = password;
        this.user = user;
    }

    public Multi<String> keys(String pattern) {
        if (!cluster) {
            return redis.key(String.class).scan(new KeyScanArgs().match(pattern).count(STEP)).toMulti();
        }
        return masters().onItem().transformToMulti(Multi.createFrom()::iterable)
                .onItem().transformToMultiAndConcatenate(master -> scanOne(master, pattern));
    }

    /** The masters' addresses as CLUSTER NODES lists them, failed ones left out. */
    Uni<List<String>> masters() {
        return redis.execute(Command.CLUSTER.toString(), "NODES").map(r -> masters(r.toString()));
    }

    static List<String> masters(String clusterNodes) {
        List<String> masters = new ArrayList<>();
        for (String line : clusterNodes.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 3) {
                continue;
            }
            List<String> flags = List.of(f[2].split(","));
            if (flags.contains("master") && !flags.contains("fail") && !flags.contains("noaddr")) {
                String address = f[1].split("[@,]")[0];
                if (!address.startsWith(":")) {
                    masters.add(address);
                }
            }
        }
        return masters;
    }

    private Multi<String> scanOne(String address, String pattern) {
        Redis node = Redis.createClient(vertx, new RedisOptions().setConnectionString(uri(address))
                .setMaxPoolSize(1).setMaxPoolWaiting(1));
        AtomicReference<String> cursor = new AtomicReference<>("0");
        return Multi.createBy().repeating()
                .uni(() -> node.send(Request.cmd(Command.SCAN).arg(cursor.get()).arg("MATCH").arg(pattern)
                        .arg("COUNT").arg(STEP)))
                .whilst(page -> {
                    cursor.set(page.get(0).toString());
                    return !"0".equals(cursor.get());
                })
                .onItem().transformToIterable(page -> {
                    List<String> keys = new ArrayList<>();
                    for (Response key : page.get(1)) {
                        keys.add(key.toString());
                    }
                    return keys;
                })
                .onTermination().invoke(node::close);
    }

    private String uri(String address) {
        StringBuilder uri = new StringBuilder("redis://");
        password.ifPresent(p -> uri.append(URLEncoder.encode(user.orElse(""), StandardCharsets.UTF_8)).append(':')
                .append(URLEncoder.encode(p, StandardCharsets.UTF_8)).append('@'));
        return uri.append(address).toString();
    }
}
