package cn.hpf.mobile.auth.session;

/** Why a session was revoked (auth_session.revoke_reason). */
public enum RevokeReason {
    /** The member or operator signed out. */
    LOGOUT,
    /** A refresh token already used was presented again: someone else may hold the session's tokens. */
    REFRESH_TOKEN_REUSED
}
