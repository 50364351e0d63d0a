package cn.hpf.mobile.signin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** The SMS gateway the sign-in codes go through. */
@ConfigMapping(prefix = "hpf.sms")
public interface SmsConfig {

    /** URL the gateway takes messages at (JSON POST). Required unless hpf.sandbox.enabled=true. */
    Optional<String> endpoint();

    /** The centre's API key at the gateway. Required unless hpf.sandbox.enabled=true. */
    @WithName("api-key")
    Optional<String> apiKey();

    /** The header the API key is sent in. */
    @WithName("api-key-header")
    @WithDefault("X-Api-Key")
    String apiKeyHeader();

    /** How long a send may take before it counts as failed. */
    @WithDefault("PT5S")
    Duration timeout();
}
