package cn.hpf.mobile.partner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The partner door (/partner/**): signatures, member tokens, rate limits and notifications. */
@ConfigMapping(prefix = "hpf.partner")
public interface PartnerConfig {

    /** Folder of the centre's response and notification signing keys: {@code <key-id>.key.pem} and {@code .pub.pem}. */
    String keysDir();

    /** The key that signs responses and notifications now. */
    @WithDefault("hpf-partner-1")
    String keyId();

    /**
     * Keys still published as RETIRING (their {@code .pub.pem} in keys-dir) while partners move to the new one:
     * nothing is signed with them any more.
     */
    Optional<List<String>> retiringKeyIds();

    /** Sandbox, dev and test only: create the signing key pair when it is missing. */
    @WithDefault("false")
    boolean generateKeys();

    /**
     * The server secret openIds are derived from (HMAC): without it an openId cannot be linked to a member. Required
     * outside the sandbox; changing it changes every openId.
     */
    Optional<String> openIdSecret();

    /** |now − timestamp| a signed request may show. */
    @WithDefault("PT300S")
    Duration timestampWindow();

    /** How long a nonce is remembered (at least twice the window: a nonce cannot come back inside it). */
    @WithDefault("PT600S")
    Duration nonceMemory();

    /** Per-channel request rate limits (cluster-wide, in Redis); off for load tests. */
    @WithDefault("true")
    boolean rateLimitEnabled();

    @WithDefault("PT2H")
    Duration accessTokenTtl();

    @WithDefault("P30D")
    Duration refreshTokenTtl();

    @WithDefault("PT5M")
    Duration consentCodeTtl();

    /** Sandbox: where the demo partner app's notifications go (the sandbox's own receiver). */
    String demoNotifyUrl();

    /** hpf.partner.notify.*: notifications to partners. */
    @WithName("notify")
    Notify delivery();

    interface Notify {
        /** Waits between a failed delivery and the next attempt; after the last one the event is FAILED (~25 h). */
        @WithDefault("PT2M,PT10M,PT10M,PT1H,PT2H,PT6H,PT15H")
        List<Duration> retrySchedule();

        /** A partner that has not answered 2xx within this has not acknowledged. */
        @WithDefault("PT10S")
        Duration timeout();

        /** Deliveries in flight at once on this replica. */
        @WithDefault("64")
        int maxInFlight();

        /** How often committed events are numbered (and then delivered). */
        @WithDefault("1s")
        String sequenceEvery();

        /** How often due deliveries are looked for when nothing woke the dispatcher. */
        @WithDefault("1s")
        String pollInterval();

        /** How long a claimed delivery is this replica's. */
        @WithDefault("PT30S")
        Duration lease();

        /** Events (the catch-up feed) are kept at least this long. */
        @WithDefault("P35D")
        Duration retention();
    }
}
