package cn.hpf.mobile.transfer.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** The sandbox transfer platform's behaviour (only read when hpf.sandbox.enabled=true). */
@ConfigMapping(prefix = "hpf.transfer.sandbox")
public interface SandboxPlatformConfig {

    /** Demo callback secret, used when hpf.transfer.platform.callback.secret is not set in the sandbox. */
    @WithName("callback-secret")
    @WithDefault("hpf-sandbox-transfer-platform-demo-secret-2026")
    String callbackSecret();

    /** How long the other centre takes to answer, and the first wait before a failed delivery is repeated. */
    @WithDefault("PT1S")
    Duration latency();

    /** Period of the courier that delivers due notifications. */
    @WithName("courier-every")
    @WithDefault("200ms")
    Duration courierEvery();

    /** Every Nth delivery is delivered a second time, with a new nonce, as a real platform may; 0 = never. */
    @WithName("duplicate-every")
    @WithDefault("0")
    int duplicateEvery();

    /** Longest wait between two attempts of one notification. */
    @WithName("max-backoff")
    @WithDefault("PT30S")
    Duration maxBackoff();

    /** How long a claimed delivery is this replica's alone; past it another replica may take it over. */
    @WithDefault("PT30S")
    Duration lease();

    /** Deliveries claimed per courier run. */
    @WithName("batch-size")
    @WithDefault("32")
    int batchSize();
}
