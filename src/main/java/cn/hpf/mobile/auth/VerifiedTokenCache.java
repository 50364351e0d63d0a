package cn.hpf.mobile.auth;

import cn.hpf.mobile.auth.session.RevocationView;
import cn.hpf.mobile.common.ApiException;
import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one place every bearer token passes: verifies it against our JWK set and refuses it when its session
 * ({@code sid}) is revoked.
 *
 * <p>Verification: smallrye-jwt checks signature, issuer and expiry against {@link SigningKeys#jwks()}, choosing
 * the key by the token's {@code kid}; a kid not in the set is refused (a token without a kid verifies only while the
 * set holds a single key).
 *
 * <p>Each token is verified once and remembered until it expires. A member's app sends the same token with every
 * call for its 15 minutes, and parsing plus the RS256 check cost more CPU than the account read itself (JFR,
 * docs/performance.md). Only tokens that passed the full verification are kept, keyed by the whole token string
 * (its signature included), and a hit is served only before the token's {@code exp}: an expired or forged token
 * always goes through the standard verification and fails there as before. Bounded in two generations: new tokens
 * go into the current one; when it is full it becomes the previous one and the oldest generation is dropped, and a
 * token found in the previous generation moves back into the current one. A token in use therefore stays cached
 * however many new members log in, and a full cache never turns into a re-verification storm of every active member
 * at once (which emptying the whole cache did on a peak day).
 *
 * <p>Revocation, on hits and misses alike: a token carrying a {@code sid} is refused (401) when this replica's
 * {@link RevocationView} lists the session, and refused with 503 SESSION_CHECK_UNAVAILABLE when the view is older
 * than {@code hpf.auth.revocation.max-staleness} (fail closed). A hit costs one set lookup and a clock read more.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    /** About 2 KB per principal: two generations of 10,000 tokens stay under 40 MB of a 512 MB heap. */
    static final int GENERATION_SIZE = 10_000;
    public static final String SESSION_CLAIM = "sid";

    /** The clock difference tolerated between replicas, as smallrye-jwt's mp.jwt.verify.clock.skew (60 s). */
    private static final long CLOCK_SKEW_SECONDS = 60;

    private final SigningKeys keys;
    private final RevocationView revocations;
    private final int generationSize;
    private final long longestLifetimeSeconds;
    private volatile Verifier verifier;
    private volatile ConcurrentHashMap<TokenKey, Verified> current = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<TokenKey, Verified> previous = new ConcurrentHashMap<>();

    @Inject
    public VerifiedTokenCache(SigningKeys keys, RevocationView revocations, AuthConfig config) {
        this(keys, revocations, GENERATION_SIZE, config.tokenTtl());
    }

    VerifiedTokenCache(SigningKeys keys, RevocationView revocations, int generationSize, Duration longestLifetime) {
        this.keys = keys;
        this.revocations = revocations;
        this.generationSize = generationSize;
        this.longestLifetimeSeconds = longestLifetime.toSeconds();
    }

    /** smallrye-jwt caches its key resolver in the factory, built from the first context it is given. */
    private record Verifier(JWTCallerPrincipalFactory factory, JWTAuthContextInfo context) {
    }

    /** A verified token: what a hit needs, read once. */
    private record Verified(JWTCallerPrincipal principal, long expiresAt, String sessionId) {
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
        Verified verified = current.get(key);
        boolean fromPrevious = verified == null;
        if (fromPrevious) {
            verified = previous.get(key);
        }
        if (verified == null || verified.expiresAt() <= System.currentTimeMillis() / 1000) {
            verified = verify(token, context);
        } else if (!fromPrevious) {
            admit(verified);
            return verified.principal();
        }
        remember(key, verified); // newly verified, or in use again: into the current generation
        admit(verified);
        return verified.principal();
    }

    /** Whether this exact token passed our own verification and is remembered: then it is ours. */
    public boolean knows(String token) {
        TokenKey key = new TokenKey(token);
        return current.containsKey(key) || previous.containsKey(key);
    }

    private void admit(Verified verified) throws ParseException {
        String session = verified.sessionId();
        if (session == null) {
            return; // not one of our sessions' tokens
        }
        if (!revocations.fresh()) {
            throw ApiException.unavailable("SESSION_CHECK_UNAVAILABLE", "Signed-out sessions cannot be checked at "
                    + "the moment; retry shortly.", 1);
        }
        if (revocations.revoked(session)) {
            throw new ParseException("session revoked");
        }
    }

    private Verified verify(String token, JWTAuthContextInfo context) throws ParseException {
        Verifier v = verifier;
        if (v == null) {
            synchronized (this) {
                if (verifier == null) {
                    verifier = new Verifier(new DefaultJWTCallerPrincipalFactory(), againstJwks(context));
                }
                v = verifier;
            }
        }
        JWTCallerPrincipal principal = v.factory().parse(token, v.context());
        issuedAsWeIssue(principal);
        return new Verified(principal, principal.getExpirationTime(), sessionOf(principal));
    }

    /**
     * smallrye-jwt checks exp and nbf but lets a token claim any iat and any lifetime. Ours are issued now and live
     * for the configured token TTL: one issued in the future, or living longer, was not minted by our token service
     * (a leaked key, or a bug), and must not be good for longer than any token we hand out.
     */
    private void issuedAsWeIssue(JWTCallerPrincipal principal) throws ParseException {
        long issuedAt = principal.getIssuedAtTime();
        if (issuedAt <= 0 || issuedAt > System.currentTimeMillis() / 1000 + CLOCK_SKEW_SECONDS) {
            throw new ParseException("token issued in the future or without iat");
        }
        if (principal.getExpirationTime() - issuedAt > longestLifetimeSeconds + CLOCK_SKEW_SECONDS) {
            throw new ParseException("token lives longer than any token this service issues");
        }
    }

    /** The token's session ({@code sid}), or null. */
    public static String sessionOf(JsonWebToken token) {
        Object sid = token == null ? null : token.getClaim(SESSION_CLAIM);
        return sid == null ? null : sid.toString().replace("\"", ""); // a String or a JSON string
    }

    /** The configured checks (issuer, algorithm, clock skew…) with our JWK set as the only key source. */
    private JWTAuthContextInfo againstJwks(JWTAuthContextInfo configured) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(configured);
        context.setPublicVerificationKey(null);
        context.setPublicKeyLocation(null);
        context.setTokenKeyId(null);
        context.setKeyFormat(KeyFormat.JWK);
        context.setPublicKeyContent(keys.jwks());
        return context;
    }

    /** Races only cost a verification or a token kept one generation less; nothing unverified gets in. */
    private void remember(TokenKey key, Verified verified) {
        ConcurrentHashMap<TokenKey, Verified> generation = current;
        generation.put(key, verified);
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
