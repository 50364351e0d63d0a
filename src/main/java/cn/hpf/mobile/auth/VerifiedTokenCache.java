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
 * Bounded in two generations: new tokens go into the current one; when it is full it becomes the previous one and
 * the oldest generation is dropped, and a token found in the previous generation moves back into the current one.
 * A token in use therefore stays cached however many new members log in, and a full cache never turns into a
 * re-verification storm of every active member at once (which emptying the whole cache did on a peak day).
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    /** About 2 KB per principal: two generations of 10,000 tokens stay under 40 MB of a 512 MB heap. */
    static final int GENERATION_SIZE = 10_000;

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final int generationSize;
    private volatile ConcurrentHashMap<TokenKey, JWTCallerPrincipal> current = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<TokenKey, JWTCallerPrincipal> previous = new ConcurrentHashMap<>();

    public VerifiedTokenCache() {
        this(GENERATION_SIZE);
    }

    VerifiedTokenCache(int generationSize) {
        this.generationSize = generationSize;
    }

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
        JWTCallerPrincipal principal = current.get(key);
        boolean fromPrevious = principal == null;
        if (fromPrevious) {
            principal = previous.get(key);
        }
        if (principal == null || principal.getExpirationTime() <= System.currentTimeMillis() / 1000) {
            principal = verifier.parse(token, context);
        } else if (!fromPrevious) {
            return principal;
        }
        remember(key, principal); // newly verified, or in use again: into the current generation
        return principal;
    }

    /** Races only cost a verification or a token kept one generation less; nothing unverified gets in. */
    private void remember(TokenKey key, JWTCallerPrincipal principal) {
        ConcurrentHashMap<TokenKey, JWTCallerPrincipal> generation = current;
        generation.put(key, principal);
        if (generation.size() >= generationSize) {
            synchronized (this) {
                if (current == generation) {
                    previous = generation;
                    current = new ConcurrentHashMap<>();
                }
            }
        }
    }
}
