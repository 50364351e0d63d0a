package cn.hpf.mobile.faceauth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "hpf.face")
public interface FaceConfig {

    /** How long the member has to finish liveness before a PENDING session expires. */
    @WithName("pending-ttl")
    @WithDefault("PT10M")
    Duration pendingTtl();

    /** A PASSED verification authorizes one action within this time from passing (the centre's rule: 5 min). */
    @WithName("usable-for")
    @WithDefault("PT5M")
    Duration usableFor();

    /** Period of the job that marks expired rows (reads already show EXPIRED on time without it). */
    @WithName("expiry-sweep-every")
    @WithDefault("30s")
    String expirySweepEvery();

    Provider provider();

    Callback callback();

    Sandbox sandbox();

    interface Provider {
        /** Base URL of the real face provider. Required unless hpf.sandbox.enabled=true. */
        Optional<String> endpoint();
    }

    interface Callback {
        /** HMAC-SHA256 key shared with the provider (at least 32 characters). Required outside the sandbox. */
        Optional<String> secret();

        /** A callback whose timestamp is older than this is rejected. */
        @WithName("max-age")
        @WithDefault("PT300S")
        Duration maxAge();

        /** A callback whose timestamp is further ahead than this (clock skew) is rejected. */
        @WithName("max-future-skew")
        @WithDefault("PT60S")
        Duration maxFutureSkew();

        /** Seen nonces are kept this long; must exceed max-age + max-future-skew. */
        @WithName("nonce-retention")
        @WithDefault("PT1H")
        Duration nonceRetention();
    }

    interface Sandbox {
        /** Demo callback secret used when hpf.face.callback.secret is not set in the sandbox. Never in prod. */
        @WithName("callback-secret")
        @WithDefault("hpf-sandbox-face-callback-demo-secret-2026")
        String callbackSecret();

        @WithName("certify-base-url")
        @WithDefault("https://face-sandbox.hpf-mobile.example/certify/")
        String certifyBaseUrl();
    }
}
