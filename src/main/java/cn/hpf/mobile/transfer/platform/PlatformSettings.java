package cn.hpf.mobile.transfer.platform;

import cn.hpf.mobile.common.SandboxConfig;
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

    static final int MIN_SECRET_LENGTH = 32;

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
        Optional<String> configured = secret.filter(s -> !s.isBlank());
        if (sandbox) {
            return configured.orElse(sandboxSecret);
        }
        if (endpoint.filter(e -> !e.isBlank()).isEmpty() || configured.isEmpty()) {
            throw new IllegalStateException("No transfer platform configured: set hpf.transfer.platform.endpoint and "
                    + "hpf.transfer.platform.callback.secret (env HPF_TRANSFER_PLATFORM_ENDPOINT, "
                    + "HPF_TRANSFER_PLATFORM_CALLBACK_SECRET), or run with hpf.sandbox.enabled=true for the sandbox "
                    + "platform.");
        }
        String key = configured.get();
        if (key.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("hpf.transfer.platform.callback.secret must be at least "
                    + MIN_SECRET_LENGTH + " characters (it is an HMAC-SHA256 key).");
        }
        if (key.equals(sandboxSecret)) {
            throw new IllegalStateException("hpf.transfer.platform.callback.secret is the public sandbox demo secret; "
                    + "configure the secret agreed with the platform.");
        }
        return key;
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
