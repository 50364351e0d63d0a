package cn.hpf.mobile.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.partner.client.PartnerClient;
import cn.hpf.partner.client.Pkce;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The member's consent (Alipay's auth_code flow with PKCE), the tokens it gives, and taking them back. */
@QuarkusTest
class PartnerConsentTest {

    @Test
    void theConsentScreenShowsTheAppAndTheScopesItMayAskFor() {
        Fixtures.Partner p = Fixtures.partner("account", "withdrawal");
        RestAssured.given().get("/v1/channels/" + p.appId()).then().statusCode(200)
                .body("appId", equalTo(p.appId())).body("allowedScopes", equalTo(List.of("account", "withdrawal")))
                .body("redirectUri", equalTo(Fixtures.PARTNER_REDIRECT)).body("status", equalTo("ACTIVE"))
                .body("$", not(hasKey("notifyUrl"))).body("$", not(hasKey("keys")));
        RestAssured.given().get("/v1/channels/nope").then().statusCode(404).body("code", equalTo("APP_NOT_FOUND"));
    }

    @Test
    void aSuspendedAppIsNotShownOnTheConsentScreen() {
        Fixtures.Partner p = Fixtures.partner("account");
        Api.asOperator().post("/v1/ops/channels/" + p.appId() + "/suspend").then().statusCode(200);
        RestAssured.given().get("/v1/channels/" + p.appId()).then().statusCode(404)
                .body("code", equalTo("APP_NOT_FOUND"));
        Api.asOperator().post("/v1/ops/channels/" + p.appId() + "/resume").then().statusCode(200);
        RestAssured.given().get("/v1/channels/" + p.appId()).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aConsentStaysWithinTheAppsScopesAndItsOneRedirect() {
        Fixtures.Partner p = Fixtures.partner("account");
        Fixtures.Member m = Fixtures.member(100_000);
        approve(m, p, Map.of("scopes", List.of("account", "withdrawal"))).then().statusCode(400)
                .body("code", equalTo("INVALID_SCOPE"));
        approve(m, p, Map.of("scopes", List.of("everything"))).then().statusCode(400)
                .body("code", equalTo("INVALID_SCOPE"));
        approve(m, p, Map.of("redirectUri", Fixtures.PARTNER_REDIRECT + "/evil")).then().statusCode(400)
                .body("code", equalTo("INVALID_REDIRECT_URI"));
        approve(m, p, Map.of("codeChallengeMethod", "plain")).then().statusCode(400)
                .body("field", equalTo("codeChallengeMethod"));
        approve(m, p, Map.of()).then().statusCode(201).body("redirectUri", equalTo(Fixtures.PARTNER_REDIRECT))
                .body("state", equalTo("st-1"));
    }

    @Test
    void theOpenIdIsStableAcrossConsentsDifferentForEveryAppAndNeverTheMembersId() {
        Fixtures.Partner a = Fixtures.partner();
        Fixtures.Partner b = Fixtures.partner();
        Fixtures.Member m = Fixtures.member(100_000);
        PartnerClient.Tokens first = Fixtures.consent(a, m, "account");
        PartnerClient.Tokens again = Fixtures.consent(a, m, "account", "statements");
        PartnerClient.Tokens other = Fixtures.consent(b, m, "account");
        assertThat(again.openId()).isEqualTo(first.openId());
        assertThat(other.openId()).isNotEqualTo(first.openId());
        assertThat(first.openId()).doesNotContain(Long.toString(m.id())).doesNotContain(m.memberNo())
                .doesNotContain(m.idNumber());
        assertThat(again.scopes()).containsExactlyInAnyOrder("account", "statements");
        PartnerClient.Reply account = a.client().get("/partner/v1/account", again.accessToken());
        assertThat(account.text()).doesNotContain("memberId").doesNotContain("\"" + m.id() + "\"");
    }

    @Test
    void aWrongVerifierAnotherAppOrASecondUseOfTheCodeIsAnInvalidGrantAndReuseRevokesWhatItGave() {
        Fixtures.Partner p = Fixtures.partner();
        Fixtures.Partner other = Fixtures.partner();
        Fixtures.Member m = Fixtures.member(100_000);
        String verifier = Pkce.newVerifier();
        String code = approve(m, p, Map.of("codeChallenge", Pkce.challenge(verifier))).then().statusCode(201)
                .extract().path("authCode");

        assertInvalidGrant(p.client().post("/partner/v1/oauth/token",
                Map.of("grantType", "authorization_code", "code", code, "codeVerifier", Pkce.newVerifier()), null));
        assertInvalidGrant(other.client().post("/partner/v1/oauth/token",
                Map.of("grantType", "authorization_code", "code", code, "codeVerifier", verifier), null));

        PartnerClient.Tokens tokens = p.client().exchangeCode(code, verifier);
        assertThat(p.client().get("/partner/v1/account", tokens.accessToken()).status()).isEqualTo(200);
        assertInvalidGrant(p.client().post("/partner/v1/oauth/token",
                Map.of("grantType", "authorization_code", "code", code, "codeVerifier", verifier), null));
        assertThat(p.client().get("/partner/v1/account", tokens.accessToken()).json().path("code").asText())
                .as("what the reused code gave is revoked").isEqualTo("MEMBER_TOKEN_INVALID");
    }

    @Test
    void aRefreshTokenIsSpentByItsUseAndItsReuseRevokesTheFamily() {
        Fixtures.Partner p = Fixtures.partner();
        Fixtures.Member m = Fixtures.member(100_000);
        PartnerClient.Tokens first = Fixtures.consent(p, m, "account");
        PartnerClient.Tokens second = p.client().refresh(first.refreshToken());
        assertThat(second.openId()).isEqualTo(first.openId());
        assertThat(p.client().get("/partner/v1/account", second.accessToken()).status()).isEqualTo(200);

        assertInvalidGrant(p.client().post("/partner/v1/oauth/token",
                Map.of("grantType", "refresh_token", "refreshToken", first.refreshToken()), null));
        assertThat(p.client().get("/partner/v1/account", second.accessToken()).status()).isEqualTo(401);
        assertInvalidGrant(p.client().post("/partner/v1/oauth/token",
                Map.of("grantType", "refresh_token", "refreshToken", second.refreshToken()), null));
    }

    @Test
    void aScopeNotGrantedAnotherAppsTokenAndARevokedConsentAreRefused() {
        Fixtures.Partner p = Fixtures.partner();
        Fixtures.Partner other = Fixtures.partner();
        Fixtures.Member m = Fixtures.member(100_000);
        String token = p.token(m, "account");
        PartnerClient.Reply statements = p.client().get("/partner/v1/statements", token);
        assertThat(statements.status()).isEqualTo(403);
        assertThat(statements.json().path("code").asText()).isEqualTo("SCOPE_NOT_GRANTED");

        PartnerClient.Reply stolen = other.client().get("/partner/v1/account", token);
        assertThat(stolen.status()).isEqualTo(401);
        assertThat(stolen.json().path("code").asText()).isEqualTo("MEMBER_TOKEN_INVALID");

        m.api().get("/v1/me/channel-authorizations").then().statusCode(200)
                .body("items.appId", hasItems(p.appId()));
        m.api().delete("/v1/me/channel-authorizations/" + p.appId()).then().statusCode(204);
        // In force at once, on every replica: checked in PostgreSQL on each request.
        PartnerClient.Reply revoked = p.client().get("/partner/v1/account", token);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().path("code").asText()).isEqualTo("MEMBER_TOKEN_INVALID");
        m.api().delete("/v1/me/channel-authorizations/" + p.appId()).then().statusCode(404)
                .body("code", equalTo("AUTHORIZATION_NOT_FOUND"));
    }

    private static io.restassured.response.Response approve(Fixtures.Member m, Fixtures.Partner p,
                                                            Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("appId", p.appId(), "scopes", List.of("account"),
                "redirectUri", Fixtures.PARTNER_REDIRECT, "state", "st-1",
                "codeChallenge", Pkce.challenge(Pkce.newVerifier()), "codeChallengeMethod", "S256"));
        body.putAll(overrides);
        return m.api().contentType(ContentType.JSON).body(body).post("/v1/me/channel-authorizations");
    }

    private static void assertInvalidGrant(PartnerClient.Reply r) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().path("code").asText()).isEqualTo("INVALID_GRANT");
    }
}
