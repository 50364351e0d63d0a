package cn.hpf.mobile.common;

/**
 * Key names. All keys of one member share the hash tag {@code {m:<id>}} so that a script over them maps to one
 * Redis Cluster slot.
 */
public final class RedisKeys {

    private RedisKeys() {
    }

    public static String memberTag(long memberId) {
        return "{m:" + memberId + "}";
    }

    /** Hash: a versioned copy of the account row (balance, held, status, ...). */
    public static String account(long memberId) {
        return memberTag(memberId) + ":account";
    }

    /** SCAN pattern matching every member's {@link #account} hash. */
    public static final String ALL_ACCOUNTS = "{m:*}:account";

    /** The member id of a key that starts with the member tag, or -1 when the key is not a member's. */
    public static long memberOf(String key) {
        int close = key.indexOf('}');
        if (!key.startsWith("{m:") || close < 4) {
            return -1;
        }
        try {
            return Long.parseLong(key.substring(3, close));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Hash: the member's holds admitted in Redis, withdrawal id → {@code amount|millis|capField}. */
    public static String holds(long memberId) {
        return memberTag(memberId) + ":holds";
    }

    /**
     * Lua, for scripts whose KEYS[1] is the account hash and KEYS[2] the holds hash: when the account hash is about
     * to be created (no {@code v} yet), {@code pending} is set to the sum of the holds that survived it (absent: 0), so that
     * pending always equals the holds hash and a later release or settle cannot drive it wrong.
     */
    public static final String RESTORE_PENDING_LUA = """
            local function restore_pending()
              if redis.call('HEXISTS', KEYS[1], 'v') == 1 then return end
              local sum = 0
              for _, h in ipairs(redis.call('HVALS', KEYS[2])) do
                sum = sum + tonumber(string.match(h, '^(%d+)|') or '0')
              end
              if sum > 0 then redis.call('HSET', KEYS[1], 'pending', sum) else redis.call('HDEL', KEYS[1], 'pending') end
            end
            """;
}
