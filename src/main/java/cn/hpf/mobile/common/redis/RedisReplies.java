package cn.hpf.mobile.common.redis;

import io.vertx.mutiny.redis.client.Response;
import java.util.function.BiConsumer;

/** Reading Redis replies that differ between RESP2 and RESP3. */
public final class RedisReplies {

    private RedisReplies() {
    }

    /** Each field and value of an HGETALL reply: a map under RESP3, a flat array field, value, … under RESP2. */
    public static void forEachField(Response r, BiConsumer<String, String> each) {
        if (r == null || r.size() == 0) {
            return;
        }
        if (isMap(r)) {
            for (String k : r.getKeys()) {
                each.accept(k, r.get(k).toString());
            }
        } else {
            for (int i = 0; i + 1 < r.size(); i += 2) {
                each.accept(r.get(i).toString(), r.get(i + 1).toString());
            }
        }
    }

    private static boolean isMap(Response r) {
        try {
            return !r.getKeys().isEmpty();
        } catch (RuntimeException notAMap) {
            return false;
        }
    }
}
