package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.common.ApiException;

/** What a passed verification may authorize; it is bound to one purpose and cannot be used for another. */
public enum FacePurpose {
    WITHDRAWAL, PREPAYMENT,
    /**
     * Signs the member in (POST /v1/auth/sign-in/face), once. Started only by that route: a caller who already holds
     * a token (the member, or a partner for her) gains nothing from one, and must not turn a token into a sign-in.
     */
    SIGN_IN;

    /**
     * The purpose a signed-in member or a partner asks a verification for: an action, never SIGN_IN. Null when
     * absent; 400 INVALID_PARAMETER when it is anything else.
     */
    public static FacePurpose action(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.trim()) {
            case "WITHDRAWAL" -> WITHDRAWAL;
            case "PREPAYMENT" -> PREPAYMENT;
            default -> throw ApiException.invalidField("purpose", "purpose must be one of [WITHDRAWAL, PREPAYMENT].");
        };
    }
}
