package cn.hpf.mobile.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies each bearer token once and remembers the result until the token expires. A member's app sends the
 * same token with every call for its 15 minutes, and parsing plus the RS256 check cost more CPU than the
 * account read itself (JFR, docs/performance.md). Only tokens that passed the full verification are kept, keyed
 * by the whole token string (its signature included), and a hit is served only before the token's {@code exp}:
 * an expired or forged token always goes through the standard verification and fails there as before.
 * Bounded: when full, the cache is emptied (a burst of new tokens costs one verification each, as without it).
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    /** About 2 KB per principal: 20,000 tokens stay under 40 MB of a 512 MB heap. */
    static final int MAX_ENTRIES = 20_000;

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final ConcurrentHashMap<TokenKey, JWTCallerPrincipal> verified = new ConcurrentHashMap<>();

    /**
     * The whole token, compared in full, but hashed on its last characters (the RS256 signature, as random as a
     * hash). The header arrives as a new String on every request, so String's own hash would run over all ~800
     * characters each time; a weak hash could only cost speed, never match another token.
     */
    private record TokenKey(String token) {
        private static final int HASHED_TAIL = 24;

        @Override
        public int hashCode() {
            int h = 0;
            for (int i = Math.max(0, token.length() - HASHED_TAIL); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            return h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TokenKey other && token.equals(other.token);
        }
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        TokenKey key = new TokenKey(token);
        JWTCallerPrincipal principal = verified.get(key);
        if (principal != null && principal.getExpirationTime() > System.currentTimeMillis() / 1000) {
            return principal;
        }
        principal = verifier.parse(token, context);
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(key, principal);
        return principal;
    }

    int size() {
        return verified.size();
    }
}
