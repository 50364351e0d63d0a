package cn.hpf.mobile.auth.provider;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;

/** Refuses to start with the provider switched on but not named: no token could ever be matched to it. */
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
