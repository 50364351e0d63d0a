package cn.hpf.mobile.partner;

import cn.hpf.mobile.common.ApiException;

/**
 * The partner door's refusals, in the order the checks run (signature before anything else is believed), plus the
 * consent flow's. Every 401 has a code of its own, so that a partner's integrator can tell what to fix.
 */
public enum PartnerRefusal {
    UNKNOWN_APP(401, "No partner app with this app_id."),
    TIMESTAMP_OUT_OF_WINDOW(401, "The signature's timestamp is more than 300 seconds from the centre's clock; "
            + "sign again with the current time."),
    INVALID_SIGNATURE(401, "The request is not signed as HPF-SHA256-RSA2048 requires (header grammar, key or "
            + "signature)."),
    CHANNEL_SUSPENDED(403, "This partner app is suspended by the centre."),
    NONCE_REPLAYED(401, "This nonce was already used (or cannot be proven unused); sign again with a new nonce."),
    RATE_LIMITED(429, "Too many requests from this partner app; slow down."),
    MEMBER_TOKEN_INVALID(401, "The Hpf-Member-Token is missing, expired, revoked or another app's."),
    SCOPE_NOT_GRANTED(403, "The member did not grant this app the scope this operation needs."),
    INVALID_GRANT(400, "The code or refresh token is unknown, used, expired, another app's, or the code verifier "
            + "does not match."),
    INVALID_SCOPE(400, "The scopes asked for are not ones this app may ask for."),
    INVALID_REDIRECT_URI(400, "The redirectUri is not the one registered for this app."),
    APP_NOT_FOUND(404, "No partner app with this appId."),
    PARTNER_API_UNAVAILABLE(503, "The partner API cannot check requests just now; retry shortly.");

    private final int status;
    private final String message;

    PartnerRefusal(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public ApiException error() {
        return error(message);
    }

    public ApiException error(String detail) {
        Integer retryAfter = switch (this) {
            case RATE_LIMITED -> 1;
            case PARTNER_API_UNAVAILABLE -> 2;
            default -> null;
        };
        String field = switch (this) {
            case INVALID_SCOPE -> "scopes";
            case INVALID_REDIRECT_URI -> "redirectUri";
            default -> null;
        };
        return new ApiException(status, name(), detail, field, retryAfter);
    }
}
