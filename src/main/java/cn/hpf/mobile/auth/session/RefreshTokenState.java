package cn.hpf.mobile.auth.session;

import cn.hpf.mobile.common.ApiException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A refresh token's state machine. Only an ACTIVE token is exchanged (SessionRepository claims it with
 * {@code used_at IS NULL AND expires_at > now()} in a session not revoked, the claim and the next token in one
 * statement); presenting one in any other state is refused, and presenting a USED one again revokes its whole
 * session, because either the legitimate client or a thief is holding a copy.
 *
 * <pre>
 *   ACTIVE ──rotated──▶ USED ──presented again──▶ refused, session revoked (REFRESH_TOKEN_REUSED)
 *     │
 *     ├──expires_at──▶ EXPIRED ──┐
 *     └──session revoked─────────┴──▶ REVOKED
 * </pre>
 */
public enum RefreshTokenState {
    ACTIVE, USED, EXPIRED, REVOKED;

    private static final Map<RefreshTokenState, Set<RefreshTokenState>> NEXT = Map.of(
            ACTIVE, EnumSet.of(USED, EXPIRED, REVOKED),
            EXPIRED, EnumSet.of(REVOKED),
            USED, EnumSet.noneOf(RefreshTokenState.class),
            REVOKED, EnumSet.noneOf(RefreshTokenState.class));

    public boolean mayMoveTo(RefreshTokenState to) {
        return NEXT.get(this).contains(to);
    }

    public boolean terminal() {
        return NEXT.get(this).isEmpty();
    }

    /**
     * The state of a stored token from its row. USED wins over the rest: a used token presented again is reuse
     * whatever happened to its session since.
     */
    public static RefreshTokenState of(boolean used, boolean sessionRevoked, boolean expired) {
        if (used) {
            return USED;
        }
        if (sessionRevoked) {
            return REVOKED;
        }
        return expired ? EXPIRED : ACTIVE;
    }

    /** Whether presenting a token in this state revokes its session. */
    public boolean revokesSession() {
        return this == USED;
    }

    /** The answer to presenting a token in this state (null: unknown token) that could not be exchanged. */
    public static ApiException refusal(RefreshTokenState state) {
        if (state == USED) {
            return new ApiException(401, "REFRESH_TOKEN_REUSED", "This refresh token was already used: the session "
                    + "is revoked on every device; sign in again.", null, null);
        }
        return new ApiException(401, "REFRESH_TOKEN_INVALID", "The refresh token is unknown, expired or revoked; "
                + "sign in again.", null, null);
    }
}
