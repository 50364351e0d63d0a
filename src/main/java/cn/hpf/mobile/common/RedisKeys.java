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
}
