package cn.hpf.mobile.auth.provider;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Access tokens of the centre's identity provider (an in-process OpenID provider: WireMock serving discovery and
 * JWKS, tokens signed with its key "1") against the running API.
 */
@QuarkusTest
@TestProfile(ProviderSignInTest.WithProvider.class)
class ProviderSignInTest {

    static final String ISSUER = "https://server.example.com";
    static final String AUDIENCE = "hpf-mobile";
    static final String CERTS = "/auth/realms/quarkus/protocol/openid-connect/certs";

    public static class WithProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.oidc.enabled", "true",
                    "hpf.oidc.name", "Test provider",
                    "hpf.oidc.issuer", ISSUER,
                    "hpf.oidc.auth-server-url", "${keycloak.url}/realms/quarkus",
                    "hpf.oidc.audience", AUDIENCE,
                    "hpf.oidc.id-number-verified-claim", "id_card_verified",
                    // Each unknown kid asks the provider again at once, so that a rotation is seen in one step.
                    "quarkus.oidc.centre.token.forced-jwk-refresh-interval", "0S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    @OidcWireMock
    WireMockServer provider;

    /** A member's provider token: verified ID number, the default key. */
    private static String tokenFor(Member m) {
        return token(UUID.randomUUID().toString(), c -> c.claim("id_card_number", m.idNumber())
                .claim("id_card_verified", true));
    }

    private static String token(String subject, Consumer<JwtClaimsBuilder> extra) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).expiresIn(300)
                .claim("realm_access", Map.of("roles", List.of("offline_access")));
        extra.accept(claims);
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }

    @Test
    void aProviderTokenReadsTheLinkedMembersOwnData() {
        Member m = Fixtures.member(1_234_500);
        given().auth().oauth2(tokenFor(m)).get("/v1/me/account")
                .then().statusCode(200).body("memberId", equalTo((int) m.id()))
                .body("balanceFen", equalTo(1_234_500));
    }

    @Test
    void theFirstSignInLinksByTheVerifiedIdNumberAndLaterOnesByTheLink() {
        Member m = Fixtures.member(100_000);
        String subject = UUID.randomUUID().toString();
        String withoutClaim = token(subject, c -> c.claim("name", "any name"));
        given().auth().oauth2(withoutClaim).get("/v1/me/account")
                .then().statusCode(403).body("code", equalTo("IDENTITY_NOT_LINKED"));

        String unverified = token(subject, c -> c.claim("id_card_number", m.idNumber())
                .claim("id_card_verified", false));
        given().auth().oauth2(unverified).get("/v1/me/account")
                .then().statusCode(403).body("code", equalTo("IDENTITY_NOT_LINKED"));

        String verified = token(subject, c -> c.claim("id_card_number", m.idNumber().toLowerCase())
                .claim("id_card_verified", true));
        given().auth().oauth2(verified).get("/v1/me/account")
                .then().statusCode(200).body("memberId", equalTo((int) m.id()));

        given().auth().oauth2(withoutClaim).get("/v1/me/account")
                .then().statusCode(200).body("memberId", equalTo((int) m.id()));
    }

    @Test
    void aSecondProviderAccountCannotTakeAnAlreadyLinkedMember() {
        Member m = Fixtures.member(100_000);
        given().auth().oauth2(tokenFor(m)).get("/v1/me/account").then().statusCode(200);
        given().auth().oauth2(tokenFor(m)).get("/v1/me/account")
                .then().statusCode(403).body("code", equalTo("IDENTITY_ALREADY_LINKED"));
    }

    @Test
    void aProviderTokenActsForItsMemberOnly() {
        Member a = Fixtures.member(100_000);
        Member b = Fixtures.member(100_000);
        String tokenOfA = tokenFor(a);
        given().auth().oauth2(tokenOfA).get("/v1/me/account").then().body("memberId", equalTo((int) a.id()));
        given().auth().oauth2(b.token()).get("/v1/me/account").then().body("memberId", equalTo((int) b.id()));
        given().auth().oauth2(tokenOfA).get("/v1/ops/channels").then().statusCode(403);
    }

    @Test
    void wrongIssuerWrongAudienceExpiredAndUnknownKeyAreRefused() {
        Member m = Fixtures.member(100_000);
        given().auth().oauth2(tokenFor(m)).get("/v1/me/account").then().statusCode(200);
        String subject = UUID.randomUUID().toString();
        Consumer<JwtClaimsBuilder> idNumber = c -> c.claim("id_card_number", m.idNumber())
                .claim("id_card_verified", true);

        String wrongIssuer = Jwt.issuer("https://other.example.com").audience(AUDIENCE).subject(subject)
                .expiresIn(300).claim("id_card_number", m.idNumber()).jws().keyId("1").sign("privateKey.jwk");
        String wrongAudience = Jwt.issuer(ISSUER).audience("another-api").subject(subject).expiresIn(300)
                .claim("id_card_number", m.idNumber()).jws().keyId("1").sign("privateKey.jwk");
        long past = Instant.now().getEpochSecond() - 3600;
        String expired = token(subject, c -> {
            idNumber.accept(c);
            c.issuedAt(past - 300).expiresAt(past);
        });
        String unknownKid = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).expiresIn(300)
                .claim("id_card_number", m.idNumber()).jws().keyId("no-such-key").sign(providersKey());
        String strangeKey = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).expiresIn(300)
                .claim("id_card_number", m.idNumber()).jws().keyId("1").sign(newKeyPair().getPrivate());

        for (String refused : List.of(wrongIssuer, wrongAudience, expired, unknownKid, strangeKey)) {
            given().auth().oauth2(refused).get("/v1/me/account").then().statusCode(401)
                    .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"))
                    .header("WWW-Authenticate", startsWith("Bearer"));
        }
    }

    @Test
    void aRotatedKeyIsFollowedAndTheRetiredOneRefused() {
        Member m = Fixtures.member(100_000);
        String subject = UUID.randomUUID().toString();
        Consumer<JwtClaimsBuilder> claims = c -> c.claim("id_card_number", m.idNumber())
                .claim("id_card_verified", true);
        String oldKeyToken = token(subject, claims);
        given().auth().oauth2(oldKeyToken).get("/v1/me/account").then().statusCode(200);

        KeyPair next = newKeyPair();
        String newKid = "rotated-" + UUID.randomUUID();
        String providersKeys = given().get(provider.baseUrl() + CERTS).asString();
        try {
            serveKeys(new JsonArray().add(jwk(newKid, (RSAPublicKey) next.getPublic())));
            JwtClaimsBuilder b = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).expiresIn(300);
            claims.accept(b);
            String newKeyToken = b.jws().keyId(newKid).sign(next.getPrivate());
            given().auth().oauth2(newKeyToken).get("/v1/me/account")
                    .then().statusCode(200).body("memberId", equalTo((int) m.id()));
            given().auth().oauth2(oldKeyToken).get("/v1/me/account").then().statusCode(401);
        } finally {
            serveKeys(new JsonObject(providersKeys).getJsonArray("keys"));
        }
    }

    @Test
    void theOperatorRoleComesFromTheProvidersClaimsAndOnlyFromItsConfiguredName() {
        String operator = token("staff-" + UUID.randomUUID(), c -> c.preferredUserName("wang.fang")
                .claim("realm_access", Map.of("roles", List.of("hpf-operator"))));
        given().auth().oauth2(operator).get("/v1/ops/channels").then().statusCode(200);
        given().auth().oauth2(operator).get("/v1/me/account").then().statusCode(403);

        Member m = Fixtures.member(100_000);
        String lookalike = token(UUID.randomUUID().toString(), c -> c.claim("id_card_number", m.idNumber())
                .claim("id_card_verified", true)
                .claim("realm_access", Map.of("roles", List.of("operator", "member"))));
        given().auth().oauth2(lookalike).get("/v1/ops/channels").then().statusCode(403);
        given().auth().oauth2(lookalike).get("/v1/me/account").then().statusCode(200);
    }

    @Test
    void signingOutWithAProvidersTokenEndsNothingOfOursAndIsNoError() {
        Member m = Fixtures.member(100_000);
        String member = tokenFor(m);
        String operator = token("staff-" + UUID.randomUUID(), c -> c.preferredUserName("li.lei")
                .claim("realm_access", Map.of("roles", List.of("hpf-operator"))));
        for (String token : List.of(member, operator)) {
            given().auth().oauth2(token).post("/v1/auth/logout").then().statusCode(204);
        }
    }

    @Test
    void ourOwnTokensStillWorkBesideTheProvider() {
        given().auth().oauth2(Api.token(Api.RENTER)).get("/v1/me/account").then().statusCode(200);
        given().auth().oauth2(Api.operatorToken()).get("/v1/ops/channels").then().statusCode(200);
    }

    @Test
    void theSignInOptionsNameTheProviderForTheCodeFlowWithPkce() {
        given().get("/v1/auth/sign-in-options").then().statusCode(200)
                .body("identityProvider.name", equalTo("Test provider"))
                .body("identityProvider.issuer", equalTo(ISSUER))
                .body("identityProvider.codeChallengeMethod", equalTo("S256"))
                .body("identityProvider.discoveryUrl", equalTo(provider.baseUrl()
                        + "/auth/realms/quarkus/.well-known/openid-configuration"))
                .body("sandboxPassword", equalTo(true));
    }

    private void serveKeys(JsonArray keys) {
        provider.stubFor(WireMock.get(WireMock.urlEqualTo(CERTS))
                .willReturn(WireMock.aResponse().withHeader("Content-Type", "application/json")
                        .withBody(new JsonObject().put("keys", keys).encode())));
    }

    private static JsonObject jwk(String kid, RSAPublicKey key) {
        return new JsonObject().put("kty", "RSA").put("kid", kid).put("alg", "RS256").put("use", "sig")
                .put("n", base64Url(key.getModulus())).put("e", base64Url(key.getPublicExponent()));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PrivateKey providersKey() {
        try {
            return (PrivateKey) KeyUtils.readSigningKey("privateKey.jwk", "1", SignatureAlgorithm.RS256);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
