package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.common.SandboxConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Chooses the face provider by configuration and refuses to start without a usable one: the sandbox provider
 * when {@code hpf.sandbox.enabled=true}, otherwise the real provider, which needs an endpoint and a callback
 * secret (without them no verification could ever be trusted, so failing at startup beats failing per request).
 */
@Startup
@Singleton
public class FaceProviderSettings {

    static final int MIN_SECRET_LENGTH = 32;

    private final boolean sandbox;
    private final byte[] callbackSecret;
    private final String endpoint;

    @Inject
    public FaceProviderSettings(SandboxConfig sandboxConfig, FaceConfig config) {
        this(sandboxConfig.enabled(), config.provider().endpoint().orElse(null),
                resolveSecret(sandboxConfig.enabled(), config.provider().endpoint(), config.callback().secret(),
                        config.sandbox().callbackSecret()));
    }

    FaceProviderSettings(boolean sandbox, String endpoint, String callbackSecret) {
        this.sandbox = sandbox;
        this.endpoint = endpoint;
        this.callbackSecret = callbackSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** The HMAC key of the provider callbacks; fails with a message an operator can act on. */
    static String resolveSecret(boolean sandbox, Optional<String> endpoint, Optional<String> secret,
                                String sandboxSecret) {
        Optional<String> configured = secret.filter(s -> !s.isBlank());
        if (sandbox) {
            return configured.orElse(sandboxSecret);
        }
        if (endpoint.filter(e -> !e.isBlank()).isEmpty() || configured.isEmpty()) {
            throw new IllegalStateException("No face verification provider configured: set hpf.face.provider.endpoint "
                    + "and hpf.face.callback.secret (env HPF_FACE_PROVIDER_ENDPOINT, HPF_FACE_CALLBACK_SECRET), or run "
                    + "with hpf.sandbox.enabled=true for the sandbox provider.");
        }
        String key = configured.get();
        if (key.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("hpf.face.callback.secret must be at least " + MIN_SECRET_LENGTH
                    + " characters (it is an HMAC-SHA256 key).");
        }
        if (key.equals(sandboxSecret)) {
            throw new IllegalStateException("hpf.face.callback.secret is the public sandbox demo secret; "
                    + "configure the secret agreed with the real provider.");
        }
        return key;
    }

    public boolean sandbox() {
        return sandbox;
    }

    byte[] callbackSecret() {
        return callbackSecret.clone();
    }

    @Produces
    @ApplicationScoped
    FaceVerificationProvider provider(SandboxFaceProvider sandboxProvider) {
        return sandbox ? sandboxProvider : new RemoteFaceProvider(endpoint);
    }
}
