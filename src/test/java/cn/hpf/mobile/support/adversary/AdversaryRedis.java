package cn.hpf.mobile.support.adversary;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A redis-server of the adversary tests' own, on its own port, started before the application and stopped after
 * it: CLIENT PAUSE pauses a whole server, and a flush must not reach the other tests' data. The application under
 * test points at it ({@code hpf.redis.url}).
 */
public class AdversaryRedis implements QuarkusTestResourceLifecycleManager {

    public static final int PORT = Integer.parseInt(System.getProperty("hpf.adversary.redis-port", "6391"));

    private Process server;

    @Override
    public Map<String, String> start() {
        if (!answers()) {
            try {
                server = new ProcessBuilder(List.of("redis-server", "--bind", "127.0.0.1", "--port",
                        Integer.toString(PORT), "--save", "", "--appendonly", "no"))
                        .redirectErrorStream(true).redirectOutput(new File("target/adversary-redis.log")).start();
            } catch (IOException e) {
                throw new IllegalStateException("redis-server could not start (bin/services installs it)", e);
            }
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!answers()) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("redis-server on port " + PORT + " did not answer");
                }
                Thread.onSpinWait();
            }
        }
        try (RedisAdversary redis = new RedisAdversary("127.0.0.1", PORT, 0)) {
            redis.unpause();
            redis.flush();
        }
        return Map.of("hpf.redis.url", "redis://127.0.0.1:" + PORT + "/0");
    }

    private static boolean answers() {
        try (Socket s = new Socket("127.0.0.1", PORT)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
        }
    }

    public static RedisAdversary connect() {
        return new RedisAdversary("127.0.0.1", PORT, 0);
    }
}
