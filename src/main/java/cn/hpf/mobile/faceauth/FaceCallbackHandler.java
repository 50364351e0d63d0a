package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.common.ApiException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * The one entry point for provider results, used by the HTTP callback and by the sandbox provider alike:
 * signature, freshness and replay checks on the raw bytes, then the authoritative result is asked of the
 * provider and applied idempotently.
 */
@ApplicationScoped
public class FaceCallbackHandler {

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");

    private final FaceProviderSettings settings;
    private final FaceConfig config;
    private final CallbackNonces nonces;
    private final FaceVerificationProvider provider;
    private final FaceVerificationService verifications;
    private final ObjectMapper json;

    public FaceCallbackHandler(FaceProviderSettings settings, FaceConfig config, CallbackNonces nonces,
                               FaceVerificationProvider provider, FaceVerificationService verifications,
                               ObjectMapper json) {
        this.settings = settings;
        this.config = config;
        this.nonces = nonces;
        this.provider = provider;
        this.verifications = verifications;
        this.json = json;
    }

    public Uni<FaceVerification> receive(String timestamp, String nonce, String signature, byte[] rawBody) {
        byte[] body = rawBody == null ? new byte[0] : rawBody;
        if (timestamp == null || nonce == null || signature == null
                || !EPOCH_SECONDS.matcher(timestamp).matches() || !NONCE.matcher(nonce).matches()) {
            return Uni.createFrom().failure(rejected("CALLBACK_SIGNATURE_INVALID",
                    "Headers " + CallbackSignature.TIMESTAMP_HEADER + ", " + CallbackSignature.NONCE_HEADER + " and "
                            + CallbackSignature.SIGNATURE_HEADER + " are required and well formed."));
        }
        if (!CallbackSignature.verify(settings.callbackSecret(), timestamp, nonce, body, signature)) {
            return Uni.createFrom().failure(rejected("CALLBACK_SIGNATURE_INVALID", "The signature does not match."));
        }
        OffsetDateTime now = verifications.now();
        long age = now.toEpochSecond() - Long.parseLong(timestamp);
        if (age > config.callback().maxAge().toSeconds() || -age > config.callback().maxFutureSkew().toSeconds()) {
            return Uni.createFrom().failure(rejected("CALLBACK_TIMESTAMP_OUT_OF_WINDOW",
                    "The timestamp is outside the accepted window of " + config.callback().maxAge().toSeconds()
                            + " s."));
        }
        FaceProviderCallback callback;
        try {
            callback = json.readValue(body, FaceProviderCallback.class);
        } catch (IOException e) {
            callback = null;
        }
        if (callback == null || callback.providerRef() == null || callback.providerRef().isBlank()) {
            return Uni.createFrom().failure(ApiException.badRequest("MALFORMED_CALLBACK",
                    "The callback body must be JSON with a providerRef.", "providerRef"));
        }
        String providerRef = callback.providerRef();
        return nonces.claim(nonce, now).chain(fresh -> {
            if (!fresh) {
                return Uni.createFrom().failure(rejected("CALLBACK_REPLAYED", "This nonce was already used."));
            }
            return provider.query(providerRef).chain(outcome -> verifications.apply(providerRef, outcome));
        });
    }

    private static ApiException rejected(String code, String message) {
        return new ApiException(401, code, message, null, null);
    }
}
