package cn.hpf.mobile.transfer.platform;

import cn.hpf.mobile.common.SandboxConfig;
import cn.hpf.mobile.common.callback.CallbackSecrets;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Resolves the platform's endpoint and callback secret and refuses to start without usable ones: in the sandbox
 * the public sandbox secret (unless one is configured); otherwise an endpoint and a secret of at least 32
 * characters, since without them no transfer could ever be submitted nor any callback trusted.
 */
@Startup
@Singleton
public class PlatformSettings {

    static final int MIN_SECRET_LENGTH = CallbackSecrets.MIN_LENGTH;
    private static final CallbackSecrets.Names NAMES = new CallbackSecrets.Names("transfer platform",
            "hpf.transfer.platform.endpoint", "hpf.transfer.platform.callback.secret",
            "HPF_TRANSFER_PLATFORM_ENDPOINT", "HPF_TRANSFER_PLATFORM_CALLBACK_SECRET");

    private final boolean sandbox;
    private final String endpoint;
    private final byte[] callbackSecret;

    @Inject
    public PlatformSettings(SandboxConfig sandboxConfig, PlatformConfig config, SandboxPlatformConfig sandbox) {
        this(sandboxConfig.enabled(), config.endpoint().filter(e -> !e.isBlank()).orElse(null),
                resolveSecret(sandboxConfig.enabled(), config.endpoint(), config.callback().secret(),
                        sandbox.callbackSecret()));
    }

    PlatformSettings(boolean sandbox, String endpoint, String callbackSecret) {
        this.sandbox = sandbox;
        this.endpoint = endpoint;
        this.callbackSecret = callbackSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** The HMAC key of the platform's callbacks; fails with a message an operator can act on. */
    static String resolveSecret(boolean sandbox, Optional<String> endpoint, Optional<String> secret,
                                String sandboxSecret) {
        return CallbackSecrets.resolve(sandbox, endpoint, secret, sandboxSecret, NAMES);
    }

    public boolean sandbox() {
        return sandbox;
    }

    /** Null in the sandbox when none is configured. */
    public String endpoint() {
        return endpoint;
    }

    /** The HMAC key the platform signs its callbacks with (the sandbox courier signs with it too). */
    public byte[] callbackSecret() {
        return callbackSecret.clone();
    }
}
