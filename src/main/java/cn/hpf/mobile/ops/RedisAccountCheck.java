package cn.hpf.mobile.ops;

import cn.hpf.mobile.common.redis.RedisKeys;
import cn.hpf.mobile.common.redis.RedisScan;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Redis vs PostgreSQL: every cached account hash that exists must not be newer than the row it copies, and at the
 * same version it must say the same. An older copy is only counted: the next publish or refill replaces it.
 * Keys are scanned (never KEYS) and compared in batches: one HMGET per key, one SELECT per batch.
 */
@ApplicationScoped
public class RedisAccountCheck {

    private final ReactiveRedisDataSource redis;
    private final RedisScan scan;
    private final ReconciliationRepository repository;
    private final ReconciliationConfig config;

    public RedisAccountCheck(ReactiveRedisDataSource redis, RedisScan scan, ReconciliationRepository repository,
                             ReconciliationConfig config) {
        this.redis = redis;
        this.scan = scan;
        this.repository = repository;
        this.config = config;
    }

    Uni<Result> run() {
        return scan.keys(RedisKeys.ALL_ACCOUNTS)
                .group().intoLists().of(config.redisBatch())
                .onItem().transformToUniAndConcatenate(this::checkBatch)
                .collect().in(Result::new, Result::add);
    }

    private Uni<Result> checkBatch(List<String> keys) {
        List<Uni<Cached>> reads = new ArrayList<>(keys.size());
        for (String key : keys) {
            long memberId = RedisKeys.memberOf(key);
            if (memberId >= 0) {
                reads.add(redis.hash(String.class).hmget(key, "v", "bal", "held").map(f -> cached(memberId, f)));
            }
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(new Result());
        }
        return Uni.join().all(reads).andFailFast().chain(all -> {
            List<Cached> copies = all.stream().filter(c -> c != null).toList();
            if (copies.isEmpty()) {
                return Uni.createFrom().item(new Result());
            }
            return repository.accountVersions(copies.stream().map(Cached::memberId).toList())
                    .map(pg -> compare(copies, pg));
        });
    }

    private Result compare(List<Cached> copies, Map<Long, long[]> pg) {
        Result result = new Result();
        for (Cached c : copies) {
            result.checked++;
            long[] row = pg.get(c.memberId());
            if (row == null) {
                result.mismatches.add(new Mismatch("REDIS_AHEAD_OF_POSTGRES", c.memberId(), null, 0, c.version(),
                        "Redis caches an account PostgreSQL does not have (version)"));
            } else if (c.version() > row[2]) {
                result.mismatches.add(new Mismatch("REDIS_AHEAD_OF_POSTGRES", c.memberId(), null, row[2], c.version(),
                        "Redis version is newer than PostgreSQL's (balance " + row[0] + " vs " + c.balanceFen()
                                + ", held " + row[1] + " vs " + c.heldFen() + ")"));
            } else if (c.version() == row[2] && (c.balanceFen() != row[0] || c.heldFen() != row[1])) {
                result.mismatches.add(new Mismatch("REDIS_DIFFERS_AT_SAME_VERSION", c.memberId(), null, row[0],
                        c.balanceFen(), "balance at version " + c.version() + " (held " + row[1] + " vs "
                        + c.heldFen() + ")"));
            } else if (c.version() < row[2]) {
                result.behind++;
            }
        }
        return result;
    }

    /** Null when the hash holds no account copy (e.g. only pending holds). */
    private static Cached cached(long memberId, Map<String, String> f) {
        String v = f.get("v");
        String bal = f.get("bal");
        String held = f.get("held");
        if (v == null || bal == null || held == null) {
            return null;
        }
        try {
            return new Cached(memberId, Long.parseLong(v), Long.parseLong(bal), Long.parseLong(held));
        } catch (NumberFormatException e) {
            return new Cached(memberId, Long.MAX_VALUE, -1, -1); // garbage is reported, not skipped
        }
    }

    record Cached(long memberId, long version, long balanceFen, long heldFen) {
    }

    static final class Result {
        long checked;
        long behind;
        final List<Mismatch> mismatches = new ArrayList<>();

        void add(Result other) {
            checked += other.checked;
            behind += other.behind;
            mismatches.addAll(other.mismatches);
        }
    }
}
