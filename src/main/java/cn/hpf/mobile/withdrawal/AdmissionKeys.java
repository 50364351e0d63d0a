package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.RedisKeys;
import java.time.LocalDate;
import java.util.List;

/**
 * Redis key names of admission. A member's keys share the hash tag {@code {m:<id>}}; each budget shard has its
 * own tag {@code {b:<day>:<shard>}} so the shards spread over the cluster while each script stays in one slot.
 */
public final class AdmissionKeys {

    private AdmissionKeys() {
    }

    /** KEYS of the member scripts (hold, release, settle): account hash, holds by withdrawal id, in-flight caps. */
    public static List<String> member(long memberId) {
        String tag = RedisKeys.memberTag(memberId);
        return List.of(RedisKeys.account(memberId), RedisKeys.holds(memberId), tag + ":caps");
    }

    /** KEYS of the budget scripts (reserve, give back): the shard's used counter and its reservations by id. */
    public static List<String> budget(LocalDate day, int shard) {
        String tag = "{b:" + day + ":" + shard + "}";
        return List.of(tag + ":used", tag + ":res");
    }

    /** Index of open Redis holds (written before the hold) that recovery scans for orphans. */
    public static String holdIndex(int shard) {
        return "adm:holds:" + shard;
    }

    public static String recoveryLock(int shard) {
        return "adm:recovery:" + shard;
    }
}
