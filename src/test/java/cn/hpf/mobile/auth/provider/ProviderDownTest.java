package cn.hpf.mobile.auth.provider;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The identity provider unreachable from start: the API still starts, and only the provider's tokens fail. */
@QuarkusTest
@TestProfile(ProviderDownTest.Unreachable.class)
class ProviderDownTest {

    static final String ISSUER = "https://idp.unreachable.example";

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.oidc.enabled", "true",
                    "hpf.oidc.issuer", ISSUER,
                    "hpf.oidc.auth-server-url", "http://127.0.0.1:1/realms/hpf",
                    "hpf.oidc.id-number-always-verified", "true",
                    "quarkus.oidc.centre.connection-retry-count", "0",
                    "quarkus.oidc.centre.connection-timeout", "PT1S");
        }
    }

    @Test
    void ourTokensWorkAndTheProvidersAreAskedToRetry() {
        given().auth().oauth2(Api.token(Api.RENTER)).get("/v1/me/account").then().statusCode(200);

        String providers = Jwt.issuer(ISSUER).audience("hpf-mobile").subject("someone").expiresIn(300)
                .jws().keyId("1").sign(ProviderSignInTest.newKeyPair().getPrivate());
        given().auth().oauth2(providers).get("/v1/me/account").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "5")
                .body("code", equalTo("IDENTITY_PROVIDER_UNAVAILABLE"));
        given().get("/v1/auth/sign-in-options").then().statusCode(200)
                .body("identityProvider.issuer", equalTo(ISSUER));
    }
}
