package cn.hpf.mobile.transfer.platform;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.callback.SignedCallbacks;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * The one entry point for platform notifications, used by the HTTP callback and by the sandbox platform's courier
 * alike: signature, freshness and replay checks on the raw bytes ({@link SignedCallbacks}), then the body is read
 * and handed to {@link TransferCallbacks}, whose ApiExceptions (404, 409, 503) are the platform's answer.
 */
@ApplicationScoped
public class PlatformCallbackHandler {

    private final SignedCallbacks signed;
    private final TransferCallbacks callbacks;
    private final ObjectMapper json;
    private final Clock clock;

    public PlatformCallbackHandler(PlatformSettings settings, PlatformConfig config, TransferCallbackNonces nonces,
                                   TransferCallbacks callbacks, ObjectMapper json, Clock clock) {
        this.signed = new SignedCallbacks(settings.callbackSecret(), config.callback().maxAge(),
                config.callback().maxFutureSkew(), nonces);
        this.callbacks = callbacks;
        this.json = json;
        this.clock = clock;
    }

    public Uni<Void> receive(String timestamp, String nonce, String signature, byte[] rawBody) {
        return signed.receive(timestamp, nonce, signature, rawBody, OffsetDateTime.now(clock), this::parse,
                callbacks::apply);
    }

    PlatformCallback parse(byte[] body) {
        PlatformCallback callback;
        try {
            callback = json.readValue(body, PlatformCallback.class);
        } catch (IOException e) {
            callback = null;
        }
        if (callback == null) {
            throw malformed("The callback body must be a JSON object.", null);
        }
        if (callback.type() == null || callback.type().isBlank()) {
            throw malformed("The callback has no type.", "type");
        }
        String type = callback.type();
        if (Arrays.stream(PlatformCallback.Type.values()).noneMatch(t -> t.name().equals(type))) {
            throw malformed("Unknown callback type " + callback.type() + ": one of "
                    + Arrays.toString(PlatformCallback.Type.values()) + ".", "type");
        }
        if (callback.transferId() == null || callback.transferId().isBlank()) {
            throw malformed("The callback has no transferId.", "transferId");
        }
        return callback;
    }

    private static ApiException malformed(String message, String field) {
        return ApiException.badRequest("MALFORMED_CALLBACK", message, field);
    }
}
