package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.redis.RedisKeys;
import java.time.LocalDate;
import java.util.List;

/**
 * Redis key names of admission. A member's keys share the hash tag {@code {m:<id>}}; each budget shard has its
 * own tag {@code {b:<day>:<shard>}} so the shards spread over the cluster while each script stays in one slot.
 */
public final class AdmissionKeys {

    private AdmissionKeys() {
    }

    /** KEYS of the member scripts (hold, release, settle, reconcile): the account hash and the holds hash. */
    public static List<String> member(long memberId) {
        return List.of(RedisKeys.account(memberId), RedisKeys.holds(memberId));
    }

    /** KEYS of the budget scripts: the shard's reserved counter and its reservations in flight by withdrawal id. */
    public static List<String> budget(LocalDate day, int shard) {
        String tag = "{b:" + day + ":" + shard + "}";
        return List.of(tag + ":used", tag + ":res");
    }

    /** SCAN pattern of every member's holds hash (it exists only while the member has holds). */
    public static final String ALL_HOLDS = "{m:*}:holds";
}
