package cn.hpf.mobile.auth.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ProviderTenantResolverTest {

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String bearer(String payloadJson) {
        return "Bearer " + part("{\"alg\":\"RS256\"}") + "." + part(payloadJson) + ".c2ln";
    }

    @Test
    void readsTheIssuerOfABearerTokenWithoutTrustingIt() {
        assertThat(ProviderTenantResolver.unverifiedIssuer(bearer("{\"iss\":\"https://idp.example\",\"sub\":\"1\"}")))
                .isEqualTo("https://idp.example");
        assertThat(ProviderTenantResolver.unverifiedIssuer("bearer " + bearer("{\"iss\":\"x\"}").substring(7)))
                .isEqualTo("x");
    }

    @Test
    void anythingThatIsNotABearerJwtWithAStringIssuerChoosesNoProvider() {
        assertThat(ProviderTenantResolver.unverifiedIssuer(null)).isNull();
        assertThat(ProviderTenantResolver.unverifiedIssuer("Basic dXNlcjpwYXNz")).isNull();
        assertThat(ProviderTenantResolver.unverifiedIssuer("Bearer opaque-token")).isNull();
        assertThat(ProviderTenantResolver.unverifiedIssuer("Bearer a.%%%.c")).isNull();
        assertThat(ProviderTenantResolver.unverifiedIssuer(bearer("[1,2]"))).isNull();
        assertThat(ProviderTenantResolver.unverifiedIssuer(bearer("{\"iss\":42}"))).isNull();
        assertThat(ProviderTenantResolver.unverifiedIssuer(bearer("{\"iss\":\"" + "x".repeat(20_000) + "\"}")))
                .isNull();
    }
}
