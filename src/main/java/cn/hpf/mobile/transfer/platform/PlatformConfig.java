package cn.hpf.mobile.transfer.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** The national transfer platform: where we call it and how its signed callbacks are checked. */
@ConfigMapping(prefix = "hpf.transfer.platform")
public interface PlatformConfig {

    /** Base URL of the real platform. Required unless hpf.sandbox.enabled=true. */
    Optional<String> endpoint();

    Callback callback();

    interface Callback {
        /** HMAC-SHA256 key shared with the platform (at least 32 characters). Required outside the sandbox. */
        Optional<String> secret();

        /** A callback whose timestamp is older than this is rejected. */
        @WithName("max-age")
        @WithDefault("PT5M")
        Duration maxAge();

        /** A callback whose timestamp is further ahead than this (clock skew) is rejected. */
        @WithName("max-future-skew")
        @WithDefault("PT1M")
        Duration maxFutureSkew();

        /** Seen nonces are kept this long; must exceed max-age + max-future-skew. */
        @WithName("nonce-retention")
        @WithDefault("PT1H")
        Duration nonceRetention();

        /** Period of the job that forgets nonces older than the retention. */
        @WithName("nonce-sweep-every")
        @WithDefault("5m")
        String nonceSweepEvery();
    }
}
