package cn.hpf.mobile.common.callback;

import java.util.Optional;

/**
 * Which HMAC key an outside party's signed callbacks are checked with, and the refusal to start without a usable
 * one: in the sandbox the configured key or the public demo key; elsewhere the party's endpoint and a key of at
 * least {@link #MIN_LENGTH} characters that is not the demo key are required (failing at startup beats failing per
 * callback).
 */
public final class CallbackSecrets {

    public static final int MIN_LENGTH = 32;

    /** How the party is named in the configuration, for messages an operator can act on. */
    public record Names(String party, String endpointKey, String secretKey, String endpointEnv, String secretEnv) {
    }

    private CallbackSecrets() {
    }

    public static String resolve(boolean sandbox, Optional<String> endpoint, Optional<String> secret,
                                 String sandboxSecret, Names names) {
        Optional<String> configured = secret.filter(s -> !s.isBlank());
        if (sandbox) {
            return configured.orElse(sandboxSecret);
        }
        if (endpoint.filter(e -> !e.isBlank()).isEmpty() || configured.isEmpty()) {
            throw new IllegalStateException("No " + names.party() + " configured: set " + names.endpointKey() + " and "
                    + names.secretKey() + " (env " + names.endpointEnv() + ", " + names.secretEnv() + "), or run with "
                    + "hpf.sandbox.enabled=true for the sandbox one.");
        }
        String key = configured.get();
        if (key.length() < MIN_LENGTH) {
            throw new IllegalStateException(names.secretKey() + " must be at least " + MIN_LENGTH
                    + " characters (it is an HMAC-SHA256 key).");
        }
        if (key.equals(sandboxSecret)) {
            throw new IllegalStateException(names.secretKey() + " is the public sandbox demo secret; configure the "
                    + "secret agreed with the " + names.party() + ".");
        }
        return key;
    }
}
