package cn.hpf.mobile.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/**
 * The test profile is in the middle of a rotation: hpf-1 signs, the retired hpf-0 is still accepted. Tokens are
 * verified against the published JWK set by their kid.
 */
@QuarkusTest
class SigningKeyRotationTest {

    private static JsonWebKeySet jwks() throws Exception {
        String body = given().accept(JwksResource.JWK_SET).get("/v1/auth/jwks").then().statusCode(200)
                .contentType(JwksResource.JWK_SET).header("Cache-Control", "max-age=300")
                .extract().asString();
        return new JsonWebKeySet(body);
    }

    @Test
    void theJwkSetPublishesTheSigningKeyAndTheRetiredOne() throws Exception {
        List<JsonWebKey> keys = jwks().getJsonWebKeys();
        assertThat(keys).extracting(JsonWebKey::getKeyId).containsExactly("hpf-1", Tokens.RETIRED_KEY_ID);
        assertThat(keys).allSatisfy(k -> {
            assertThat(k).isInstanceOf(RsaJsonWebKey.class);
            assertThat(k.getKeyType()).isEqualTo("RSA");
            assertThat(k.getUse()).isEqualTo("sig");
            assertThat(k.getAlgorithm()).isEqualTo("RS256");
            assertThat(((RsaJsonWebKey) k).getRsaPublicKey().getModulus().bitLength()).isGreaterThanOrEqualTo(2048);
            assertThat(((RsaJsonWebKey) k).getPrivateKey()).isNull();
        });
        String json = given().accept(ContentType.JSON).get("/v1/auth/jwks").then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString();
        assertThat(json).doesNotContain("\"d\"").contains("\"n\"").contains("\"e\"");
    }

    @Test
    void theSigningKeySignsWhatWeIssue() throws Exception {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("memberNo", Api.RENTER, "password", Api.PASSWORD, "channel", "APP"))
                .post("/v1/auth/token").then().statusCode(200).extract().path("accessToken");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo("hpf-1");
        jws.setKey(((RsaJsonWebKey) jwks().findJsonWebKey("hpf-1", null, null, null)).getPublicKey());
        assertThat(jws.verifySignature()).isTrue();
    }

    @Test
    void aTokenOfTheRetiredKeyIsStillAccepted() {
        given().auth().oauth2(Tokens.signedAs(2, Tokens.retiredKey(), Tokens.RETIRED_KEY_ID))
                .get("/v1/me/account").then().statusCode(200).body("memberId", equalTo(2));
    }

    @Test
    void anUnknownOrMismatchedKidIsRefused() {
        for (String token : new String[]{
                Tokens.signedAs(2, Tokens.testSigningKey(), "hpf-9"),          // a kid we never had
                Tokens.signedAs(2, Tokens.retiredKey(), "hpf-1"),              // the retired key under the new kid
                Tokens.signedAs(2, Tokens.testSigningKey(), Tokens.RETIRED_KEY_ID)}) {
            given().auth().oauth2(token).get("/v1/me/account").then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"))
                    .body("code", equalTo("UNAUTHENTICATED"));
        }
    }
}
