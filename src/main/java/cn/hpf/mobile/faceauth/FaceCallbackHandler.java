package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.callback.SignedCallbacks;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * The one entry point for provider results, used by the HTTP callback and by the sandbox provider alike:
 * signature, freshness and replay checks on the raw bytes ({@link SignedCallbacks}), then the authoritative result
 * is asked of the provider and applied idempotently.
 */
@ApplicationScoped
public class FaceCallbackHandler {

    private final SignedCallbacks signed;
    private final FaceVerificationProvider provider;
    private final FaceVerificationService verifications;
    private final ObjectMapper json;

    public FaceCallbackHandler(FaceProviderSettings settings, FaceConfig config, CallbackNonces nonces,
                               FaceVerificationProvider provider, FaceVerificationService verifications,
                               ObjectMapper json) {
        this.signed = new SignedCallbacks(settings.callbackSecret(), config.callback().maxAge(),
                config.callback().maxFutureSkew(), nonces);
        this.provider = provider;
        this.verifications = verifications;
        this.json = json;
    }

    public Uni<FaceVerification> receive(String timestamp, String nonce, String signature, byte[] rawBody) {
        return signed.receive(timestamp, nonce, signature, rawBody, verifications.now(), this::providerRef,
                providerRef -> provider.query(providerRef).chain(outcome -> verifications.apply(providerRef, outcome)));
    }

    private String providerRef(byte[] body) {
        FaceProviderCallback callback;
        try {
            callback = json.readValue(body, FaceProviderCallback.class);
        } catch (IOException e) {
            callback = null;
        }
        if (callback == null || callback.providerRef() == null || callback.providerRef().isBlank()) {
            throw ApiException.badRequest("MALFORMED_CALLBACK", "The callback body must be JSON with a providerRef.",
                    "providerRef");
        }
        return callback.providerRef();
    }
}
