package cn.hpf.mobile.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Loads src/main/resources/demo/loans.sql (idempotent) until the demo seeder runs it after seed.sql itself, and
 * flushes this run's Redis index once: the test database is re-created at every start but Redis is not, so a
 * cached account left by an earlier run carries a higher version than the fresh row and would hide new writes.
 */
public final class LoanDemo {

    private static volatile boolean loaded;

    private LoanDemo() {
    }

    public static synchronized void ensure(RedisTestClient redis) {
        if (loaded) {
            return;
        }
        try (InputStream in = LoanDemo.class.getResourceAsStream("/demo/loans.sql")) {
            Db.exec(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        redis.flushDb();
        loaded = true;
    }
}
