package cn.hpf.mobile.auth.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {

    private record Config(boolean enabled, Optional<String> issuer, Optional<String> authServerUrl,
                          Optional<String> idNumberVerifiedClaim, boolean idNumberAlwaysVerified)
            implements ProviderConfig {
        @Override
        public Optional<String> name() {
            return Optional.empty();
        }

        @Override
        public String audience() {
            return "hpf-mobile";
        }

        @Override
        public String clientId() {
            return "hpf-mobile-h5";
        }

        @Override
        public String scopes() {
            return "openid";
        }

        @Override
        public String idNumberClaim() {
            return "id_card_number";
        }

        @Override
        public String operatorRole() {
            return "hpf-operator";
        }
    }

    private static ProviderSettings started(Config config) {
        ProviderSettings settings = new ProviderSettings(config);
        settings.check();
        return settings;
    }

    private static final Optional<String> ISSUER = Optional.of("https://sso.example/realms/hpf");

    @Test
    void anUnverifiedIdNumberClaimIsRefusedAtStartUnlessTheProviderVerifiesEveryNumber() {
        assertThatThrownBy(() -> started(new Config(true, ISSUER, ISSUER, Optional.empty(), false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("id-number-verified-claim");
        assertThat(started(new Config(true, ISSUER, ISSUER, Optional.of("id_card_verified"), false)).issuer())
                .isEqualTo(ISSUER.get());
        assertThat(started(new Config(true, ISSUER, ISSUER, Optional.empty(), true)).issuer())
                .isEqualTo(ISSUER.get());
    }

    @Test
    void aProviderSwitchedOnMustBeNamedAndOffNeedsNothing() {
        assertThatThrownBy(() -> started(new Config(true, Optional.empty(), ISSUER, Optional.empty(), true)))
                .hasMessageContaining("hpf.oidc.issuer");
        assertThatThrownBy(() -> started(new Config(true, ISSUER, Optional.of(" "), Optional.empty(), true)))
                .hasMessageContaining("hpf.oidc.auth-server-url");
        assertThat(started(new Config(false, Optional.empty(), Optional.empty(), Optional.empty(), false)).issuer())
                .isNull();
    }
}
