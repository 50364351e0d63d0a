package cn.hpf.mobile.auth.provider;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;

/**
 * Refuses to start with the provider switched on but not named (no token could ever be matched to it), or with its
 * ID-number claim trusted without saying why: a number a person could type in herself would link her to anyone.
 */
@Startup
@Singleton
public class ProviderSettings {

    private final ProviderConfig config;
    private String issuer;

    public ProviderSettings(ProviderConfig config) {
        this.config = config;
    }

    @PostConstruct
    void check() {
        if (!config.enabled()) {
            return;
        }
        issuer = config.issuer().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "hpf.oidc.enabled=true needs hpf.oidc.issuer (HPF_OIDC_ISSUER): the iss of the provider's tokens"));
        config.authServerUrl().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "hpf.oidc.enabled=true needs hpf.oidc.auth-server-url (HPF_OIDC_AUTH_SERVER_URL)"));
        boolean verifiedClaim = config.idNumberVerifiedClaim().filter(s -> !s.isBlank()).isPresent();
        if (!verifiedClaim && !config.idNumberAlwaysVerified()) {
            issuer = null;
            throw new IllegalStateException("hpf.oidc.enabled=true needs hpf.oidc.id-number-verified-claim (the claim "
                    + "that is true once the provider verified the ID number), or hpf.oidc.id-number-always-verified="
                    + "true for a provider whose members can never enter or edit their ID number");
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The provider's issuer, or null when no provider is configured. */
    public String issuer() {
        return issuer;
    }

    public ProviderConfig config() {
        return config;
    }
}
