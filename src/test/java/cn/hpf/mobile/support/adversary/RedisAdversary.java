package cn.hpf.mobile.support.adversary;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Redis misbehaving on purpose, for the money-core tests: it forgets (FLUSHDB, dropped keys), lies about the past
 * (keys rolled back to an earlier value, as a failover that lost its last acknowledged writes leaves them: DUMP
 * before, RESTORE … REPLACE after, expiry included) and stalls (CLIENT PAUSE … WRITE, which pauses the whole
 * server: use a server of the test's own, {@link AdversaryRedis}). Blocking: call it from a test thread or from
 * the worker {@link FaultScript} runs actions on, never from an event loop.
 */
public final class RedisAdversary implements AutoCloseable {

    private final RespClient redis;

    public RedisAdversary(String host, int port, int db) {
        this.redis = new RespClient(host, port, db);
    }

    /** The Redis the application under test uses ({@code hpf.redis.url}, redis://host:port/db). */
    public static RedisAdversary ofApplication() {
        URI url = URI.create(ConfigProvider.getConfig().getValue("hpf.redis.url", String.class));
        String path = url.getPath() == null ? "" : url.getPath().replace("/", "");
        return new RedisAdversary(url.getHost(), url.getPort(), path.isEmpty() ? 0 : Integer.parseInt(path));
    }

    /** The keys as they are now, to roll back to later; a key that does not exist is remembered as absent. */
    public record Snapshot(Map<String, byte[]> dumps, Map<String, Long> ttls) {
    }

    public void flush() {
        redis.call("FLUSHDB");
    }

    public void drop(Collection<String> keys) {
        for (String k : keys) {
            redis.call("DEL", k);
        }
    }

    public Snapshot snapshot(Collection<String> keys) {
        Map<String, byte[]> dumps = new LinkedHashMap<>();
        Map<String, Long> ttls = new LinkedHashMap<>();
        for (String k : keys) {
            dumps.put(k, (byte[]) redis.callRaw("DUMP", k));
            ttls.put(k, (Long) redis.call("PTTL", k));
        }
        return new Snapshot(dumps, ttls);
    }

    /** What a failover that lost every write since the snapshot leaves behind. */
    public void rollback(Snapshot s) {
        s.dumps().forEach((k, dump) -> {
            if (dump == null) {
                redis.call("DEL", k);
            } else {
                long ttl = Math.max(0, s.ttls().get(k));
                redis.callRaw("RESTORE", k, Long.toString(ttl), dump, "REPLACE");
            }
        });
    }

    /** Every client's writes wait (reads go on) for this long; the whole server, so a server of the test's own. */
    public void pauseWrites(Duration d) {
        redis.call("CLIENT", "PAUSE", Long.toString(d.toMillis()), "WRITE");
    }

    public void unpause() {
        redis.call("CLIENT", "UNPAUSE");
    }

    @SuppressWarnings("unchecked")
    public List<String> keys(String pattern) {
        return new ArrayList<>((List<String>) redis.call("KEYS", pattern));
    }

    /** Up to {@code n} keys of the database, drawn at random (what an eviction policy might pick). */
    public List<String> randomKeys(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object k = redis.call("RANDOMKEY");
            if (k != null) {
                out.add(k.toString());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public List<String> hvals(String key) {
        return new ArrayList<>((List<String>) redis.call("HVALS", key));
    }

    public String get(String key) {
        Object v = redis.call("GET", key);
        return v == null ? null : v.toString();
    }

    public String hget(String key, String field) {
        Object v = redis.call("HGET", key, field);
        return v == null ? null : v.toString();
    }

    public long pttl(String key) {
        return (Long) redis.call("PTTL", key);
    }

    @Override
    public void close() {
        redis.close();
    }
}
