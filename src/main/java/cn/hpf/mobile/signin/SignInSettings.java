package cn.hpf.mobile.signin;

import cn.hpf.mobile.common.SandboxConfig;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the one-time code secret and the SMS gateway, and refuses to start without usable ones: in the sandbox
 * the public demo secret (unless one is configured) and the recording sandbox gateway; otherwise a secret of at
 * least 32 characters that is not the demo one, and the gateway's endpoint and API key, since without them no
 * member could ever sign in with a code.
 */
@Startup
@Singleton
public class SignInSettings {

    static final int MIN_SECRET_LENGTH = 32;

    private final boolean sandbox;
    private final byte[] codeSecret;
    private final String smsEndpoint;
    private final String smsApiKey;

    @Inject
    public SignInSettings(SandboxConfig sandboxConfig, SignInConfig config, SmsConfig sms) {
        this(sandboxConfig.enabled(), resolveSecret(sandboxConfig.enabled(), config.codeSecret(),
                        config.sandbox().codeSecret()),
                resolveSms(sandboxConfig.enabled(), sms.endpoint(), sms.apiKey()), sms.apiKey().orElse(null));
    }

    SignInSettings(boolean sandbox, String codeSecret, String smsEndpoint, String smsApiKey) {
        this.sandbox = sandbox;
        this.codeSecret = codeSecret.getBytes(StandardCharsets.UTF_8);
        this.smsEndpoint = smsEndpoint;
        this.smsApiKey = smsApiKey;
    }

    static String resolveSecret(boolean sandbox, Optional<String> secret, String sandboxSecret) {
        Optional<String> configured = secret.filter(s -> !s.isBlank());
        if (sandbox) {
            return configured.orElse(sandboxSecret);
        }
        String key = configured.orElseThrow(() -> new IllegalStateException("No sign-in code secret configured: set "
                + "hpf.sign-in.code-secret (env HPF_SIGN_IN_CODE_SECRET) to a random string of at least "
                + MIN_SECRET_LENGTH + " characters, or run with hpf.sandbox.enabled=true."));
        if (key.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("hpf.sign-in.code-secret must be at least " + MIN_SECRET_LENGTH
                    + " characters (it is an HMAC-SHA256 key).");
        }
        if (key.equals(sandboxSecret)) {
            throw new IllegalStateException("hpf.sign-in.code-secret is the public sandbox demo secret; configure a "
                    + "secret of this centre's own.");
        }
        return key;
    }

    /** The gateway's endpoint, null in the sandbox; fails outside it without endpoint and API key. */
    static String resolveSms(boolean sandbox, Optional<String> endpoint, Optional<String> apiKey) {
        if (sandbox) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        if (endpoint.filter(e -> !e.isBlank()).isEmpty()) {
            missing.add("hpf.sms.endpoint (env HPF_SMS_ENDPOINT)");
        }
        if (apiKey.filter(k -> !k.isBlank()).isEmpty()) {
            missing.add("hpf.sms.api-key (env HPF_SMS_API_KEY)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No SMS gateway configured: set " + String.join(" and ", missing)
                    + ", or run with hpf.sandbox.enabled=true for the sandbox gateway.");
        }
        return endpoint.get();
    }

    public boolean sandbox() {
        return sandbox;
    }

    /** The HMAC key of the one-time codes. */
    byte[] codeSecret() {
        return codeSecret.clone();
    }

    /** Null in the sandbox. */
    String smsEndpoint() {
        return smsEndpoint;
    }

    String smsApiKey() {
        return smsApiKey;
    }
}
