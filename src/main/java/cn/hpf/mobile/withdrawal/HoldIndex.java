package cn.hpf.mobile.withdrawal;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A write-ahead index of Redis holds (sharded sorted sets scored by time), written BEFORE the hold so that a
 * crash at any point leaves recovery something to find. Entries: {@code <withdrawal id>|<member id>|<budget day>}.
 */
@ApplicationScoped
public class HoldIndex {

    record Entry(UUID withdrawalId, long memberId, LocalDate budgetDay, String raw, int shard) {
    }

    private final ReactiveRedisDataSource redis;
    private final AdmissionConfig config;

    public HoldIndex(ReactiveRedisDataSource redis, AdmissionConfig config) {
        this.redis = redis;
        this.config = config;
    }

    int shardOf(UUID withdrawalId) {
        return Math.floorMod(withdrawalId.hashCode(), config.holdIndexShards());
    }

    static String member(UUID withdrawalId, long memberId, LocalDate day) {
        return withdrawalId + "|" + memberId + "|" + day;
    }

    Uni<Void> add(UUID withdrawalId, long memberId, LocalDate day, long nowMillis) {
        return redis.execute("ZADD", AdmissionKeys.holdIndex(shardOf(withdrawalId)), Long.toString(nowMillis),
                member(withdrawalId, memberId, day)).replaceWithVoid();
    }

    Uni<Void> remove(UUID withdrawalId, long memberId, LocalDate day) {
        return redis.execute("ZREM", AdmissionKeys.holdIndex(shardOf(withdrawalId)), member(withdrawalId, memberId, day))
                .replaceWithVoid();
    }

    Uni<Void> remove(Entry e) {
        return redis.execute("ZREM", AdmissionKeys.holdIndex(e.shard()), e.raw()).replaceWithVoid();
    }

    /** Entries of one shard written before {@code cutoffMillis}, oldest first. */
    Uni<List<Entry>> olderThan(int shard, long cutoffMillis, int limit) {
        return redis.execute("ZRANGEBYSCORE", AdmissionKeys.holdIndex(shard), "-inf", Long.toString(cutoffMillis),
                        "LIMIT", "0", Integer.toString(limit))
                .map(r -> {
                    List<Entry> out = new ArrayList<>();
                    if (r == null) {
                        return out;
                    }
                    for (var item : r) {
                        String raw = item.toString();
                        String[] p = raw.split("\\|");
                        out.add(new Entry(UUID.fromString(p[0]), Long.parseLong(p[1]), LocalDate.parse(p[2]), raw, shard));
                    }
                    return out;
                });
    }
}
