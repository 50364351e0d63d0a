package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.common.SandboxConfig;
import cn.hpf.mobile.common.callback.CallbackSecrets;
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

    static final int MIN_SECRET_LENGTH = CallbackSecrets.MIN_LENGTH;
    private static final CallbackSecrets.Names NAMES = new CallbackSecrets.Names("face verification provider",
            "hpf.face.provider.endpoint", "hpf.face.callback.secret", "HPF_FACE_PROVIDER_ENDPOINT",
            "HPF_FACE_CALLBACK_SECRET");

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
        return CallbackSecrets.resolve(sandbox, endpoint, secret, sandboxSecret, NAMES);
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
