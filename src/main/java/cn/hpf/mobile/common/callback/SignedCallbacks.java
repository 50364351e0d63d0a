package cn.hpf.mobile.common.callback;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The checks every signed callback passes before its body is believed, in this order: the three headers are
 * present and well formed, the HMAC matches ({@link CallbackSignature}), the timestamp is within the accepted
 * window, the body parses, and only then is the nonce claimed, so that a rejected attempt never burns the nonce
 * of the genuine delivery. Failures are 401 CALLBACK_SIGNATURE_INVALID, CALLBACK_TIMESTAMP_OUT_OF_WINDOW or
 * CALLBACK_REPLAYED; the parser's own ApiException (a 400) passes through.
 */
public final class SignedCallbacks {

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");

    private final byte[] secret;
    private final Duration maxAge;
    private final Duration maxFutureSkew;
    private final CallbackNonceRepository nonces;

    public SignedCallbacks(byte[] secret, Duration maxAge, Duration maxFutureSkew, CallbackNonceRepository nonces) {
        this.secret = secret.clone();
        this.maxAge = maxAge;
        this.maxFutureSkew = maxFutureSkew;
        this.nonces = nonces;
    }

    /**
     * Checks one delivery as of {@code now}, parses its body with {@code parse} (which throws an ApiException for a
     * body it cannot use) and hands the parsed body to {@code apply} once the nonce is known to be new.
     */
    public <B, R> Uni<R> receive(String timestamp, String nonce, String signature, byte[] rawBody, OffsetDateTime now,
                                 Function<byte[], B> parse, Function<B, Uni<R>> apply) {
        byte[] body = rawBody == null ? new byte[0] : rawBody;
        if (timestamp == null || nonce == null || signature == null
                || !EPOCH_SECONDS.matcher(timestamp).matches() || !NONCE.matcher(nonce).matches()) {
            return Uni.createFrom().failure(rejected("CALLBACK_SIGNATURE_INVALID",
                    "Headers " + CallbackSignature.TIMESTAMP_HEADER + ", " + CallbackSignature.NONCE_HEADER + " and "
                            + CallbackSignature.SIGNATURE_HEADER + " are required and well formed."));
        }
        if (!CallbackSignature.verify(secret, timestamp, nonce, body, signature)) {
            return Uni.createFrom().failure(rejected("CALLBACK_SIGNATURE_INVALID", "The signature does not match."));
        }
        long age = now.toEpochSecond() - Long.parseLong(timestamp);
        if (age > maxAge.toSeconds() || -age > maxFutureSkew.toSeconds()) {
            return Uni.createFrom().failure(rejected("CALLBACK_TIMESTAMP_OUT_OF_WINDOW",
                    "The timestamp is outside the accepted window of " + maxAge.toSeconds() + " s."));
        }
        B parsed;
        try {
            parsed = parse.apply(body);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        return nonces.claim(nonce, now).chain(fresh -> fresh ? apply.apply(parsed)
                : Uni.createFrom().failure(rejected("CALLBACK_REPLAYED", "This nonce was already used.")));
    }

    private static ApiException rejected(String code, String message) {
        return new ApiException(401, code, message, null, null);
    }
}
