package cn.hpf.mobile.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "hpf.auth")
public interface AuthConfig {

    String issuer();

    @WithName("token-ttl")
    Duration tokenTtl();

    /**
     * Folder of the signing keys: {@code <kid>.key.pem} (PKCS#8) and {@code <kid>.pub.pem}, except the default key
     * id {@code hpf-1}, whose files keep the names private.pem and public.pem.
     */
    @WithName("keys-dir")
    String keysDir();

    /** Sandbox, dev and test only: create a demo key pair there when none exists. */
    @WithName("generate-keys")
    boolean generateKeys();

    /** The {@code kid} of the key that signs. */
    @WithName("key-id")
    String keyId();

    /**
     * Public keys accepted (and published in the JWKS) besides the signing one, that sign nothing: a retired key until
     * its last tokens have expired, or the next key before the replicas start signing with it.
     */
    @WithName("accepted-key-ids")
    Optional<List<String>> acceptedKeyIds();

    Refresh refresh();

    Revocation revocation();

    interface Refresh {

        /** Lifetime of a member's refresh token; each rotation issues a new one of this lifetime. */
        @WithName("member-ttl")
        Duration memberTtl();

        @WithName("operator-ttl")
        Duration operatorTtl();
    }

    interface Revocation {

        /** How often each replica asks PostgreSQL for newly revoked sessions. */
        @WithName("poll-interval")
        Duration pollInterval();

        /**
         * How old a replica's view of revoked sessions may be before tokens carrying a session are refused with 503
         * SESSION_CHECK_UNAVAILABLE rather than trusted.
         */
        @WithName("max-staleness")
        Duration maxStaleness();
    }
}
