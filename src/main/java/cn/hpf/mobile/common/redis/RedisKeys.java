package cn.hpf.mobile.common.redis;

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

    /**
     * Hash: the member's holds admitted in Redis and not yet in PostgreSQL's {@code held}, withdrawal id →
     * {@code amount|millis|capScope|keyFingerprint}. No expiry: a hold leaves only when PostgreSQL has decided it.
     */
    public static String holds(long memberId) {
        return memberTag(memberId) + ":holds";
    }
}
