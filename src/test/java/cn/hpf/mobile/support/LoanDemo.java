package cn.hpf.mobile.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Loads src/main/resources/demo/loans.sql (idempotent) until the demo seeder runs it after seed.sql itself.
 */
public final class LoanDemo {

    private static volatile boolean loaded;

    private LoanDemo() {
    }

    public static synchronized void ensure() {
        if (loaded) {
            return;
        }
        try (InputStream in = LoanDemo.class.getResourceAsStream("/demo/loans.sql")) {
            Db.exec(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        loaded = true;
    }
}
