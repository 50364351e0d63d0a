package cn.hpf.mobile.auth.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.browser.Browser;
import cn.hpf.mobile.support.browser.H5Member;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * Production sign-in on the member page: the authorization-code flow with PKCE against the in-process OpenID
 * provider (WireMock). Its login page and its redirect with a code are the test resource's own; discovery and the
 * token endpoint are answered here with the CORS headers a browser needs (a real provider sends them for the H5
 * client's web origin), the token endpoint with a token of a member of this test.
 */
@QuarkusTest
@TestProfile(ProviderSignInTest.WithProvider.class)
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderSignInBrowserTest {

    static final String REALM = "/auth/realms/quarkus";
    /** The code the test resource's login redirect hands out. */
    static final String CODE = "58af24f2-9093-4674-a431-4a9d66be719c.50437113-cd78-48a2-838e-b936fe458c5d."
            + "0ac5df91-e044-4051-bd03-106a3a5fb9cc";

    @TestHTTPResource("/h5/")
    URL h5;

    @OidcWireMock
    WireMockServer provider;

    Browser browser;
    final List<StubMapping> stubs = new ArrayList<>();

    @BeforeAll
    void start() {
        browser = Browser.open(h5);
    }

    @AfterAll
    void stop() {
        stubs.forEach(provider::removeStub);
        if (browser != null) {
            browser.close();
        }
    }

    /** Discovery and the token endpoint, answering the page's origin; the token is {@code accessToken}. */
    private void serveThePage(String accessToken) {
        String base = provider.baseUrl() + REALM;
        JsonObject discovery = new JsonObject().put("issuer", ProviderSignInTest.ISSUER)
                .put("authorization_endpoint", base).put("token_endpoint", base + "/token")
                .put("jwks_uri", base + "/protocol/openid-connect/certs")
                .put("code_challenge_methods_supported", List.of("S256"));
        stubs.add(provider.stubFor(get(urlEqualTo(REALM + "/.well-known/openid-configuration"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withHeader("Access-Control-Allow-Origin", browser.origin()).withBody(discovery.encode()))));
        stubs.add(provider.stubFor(post(urlEqualTo(REALM + "/token"))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code_verifier="))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withHeader("Access-Control-Allow-Origin", browser.origin())
                        .withHeader("Cache-Control", "no-store")
                        .withBody(new JsonObject().put("access_token", accessToken).put("token_type", "Bearer")
                                .put("expires_in", 300).put("refresh_token", "provider-refresh-token").encode()))));
    }

    private static String providerToken(Member m) {
        return Jwt.issuer(ProviderSignInTest.ISSUER).audience(ProviderSignInTest.AUDIENCE)
                .subject(UUID.randomUUID().toString()).expiresIn(300)
                .claim("realm_access", Map.of("roles", List.of("offline_access")))
                .claim("id_card_number", m.idNumber()).claim("id_card_verified", true)
                .jws().keyId("1").sign("privateKey.jwk");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String s256(String verifier) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    @Test
    void theMemberSignsInAtTheProviderWithPkceAndThePageCallsTheApiWithItsToken() throws Exception {
        Member m = Fixtures.member(1_234_500);
        String token = providerToken(m);
        serveThePage(token);
        int tokenCallsBefore = provider.findAll(postRequestedFor(urlEqualTo(REALM + "/token"))).size();

        H5Member.openSignedOut(browser, "/h5/login");
        browser.click(By.id("provider-sign-in"));
        // The provider's own login page (the test resource's), then its redirect back with a code.
        browser.waitUntil(d -> d.getCurrentUrl().startsWith(provider.baseUrl()));
        browser.type(By.id("username"), "alice");
        browser.type(By.id("password"), "alice");
        browser.click(By.id("login"));
        browser.waitUntil(d -> d.getCurrentUrl().equals(browser.origin() + "/h5/"));
        // Her home page, read with the provider's token: the balance of the member the token links to.
        browser.waitForText(By.tagName("main"), "12,345.00");

        // The authorization request: code flow, this client, S256 challenge, a state, back to /h5/signed-in.
        List<LoggedRequest> authorizations = provider.findAll(getRequestedFor(urlPathEqualTo(REALM)));
        Map<String, String> auth = query(URI.create(authorizations.get(authorizations.size() - 1).getUrl())
                .getRawQuery());
        assertThat(auth).containsEntry("response_type", "code").containsEntry("client_id", "hpf-mobile-h5")
                .containsEntry("code_challenge_method", "S256").containsEntry("scope", "openid profile")
                .containsEntry("redirect_uri", browser.origin() + "/h5/signed-in");
        assertThat(auth.get("state")).matches("[A-Za-z0-9_-]{43}");
        // The token request: the code and the verifier whose SHA-256 is the challenge; a public client, no secret.
        List<LoggedRequest> exchanges = provider.findAll(postRequestedFor(urlEqualTo(REALM + "/token")));
        assertThat(exchanges).hasSize(tokenCallsBefore + 1);
        Map<String, String> form = query(exchanges.get(exchanges.size() - 1).getBodyAsString());
        assertThat(form).containsEntry("grant_type", "authorization_code").containsEntry("code", CODE)
                .containsEntry("client_id", "hpf-mobile-h5").containsEntry("redirect_uri", auth.get("redirect_uri"))
                .doesNotContainKey("client_secret");
        assertThat(form.get("code_verifier")).matches("[A-Za-z0-9_-]{43}");
        assertThat(s256(form.get("code_verifier"))).isEqualTo(auth.get("code_challenge"));
        assertThat(exchanges.get(exchanges.size() - 1).getHeader("Authorization")).isNull();

        // The provider's access token is the tab's bearer token (sessionStorage only); the pending sign-in is gone.
        String session = (String) browser.script("return sessionStorage.getItem('hpf.h5.session')");
        assertThat(new JsonObject(session).getString("accessToken")).isEqualTo(token);
        assertThat(session).doesNotContain("provider-refresh-token");
        assertThat(browser.script("return sessionStorage.getItem('hpf.h5.oidc')")).isNull();
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        // The API was called with it: the first sign-in linked the provider's subject to her by the ID number.
        browser.waitUntil(d -> Db.queryLong("SELECT count(*) FROM member_identity_link WHERE member_id = "
                + m.id()) == 1);
        assertThat(browser.cspViolations()).isEmpty();
        browser.screenshot("h5-provider-signed-in");
    }

    @Test
    void aStateThePageDidNotIssueIsRefusedAndNoCodeIsExchanged() {
        serveThePage("unused");
        int before = provider.findAll(postRequestedFor(urlEqualTo(REALM + "/token"))).size();
        H5Member.openSignedOut(browser, "/h5/signed-in?state=forged&code=" + CODE);
        browser.waitForText(By.id("signed-in-error"), "登录请求已失效");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");
        assertThat(provider.findAll(postRequestedFor(urlEqualTo(REALM + "/token")))).hasSize(before);
        assertThat(browser.script("return sessionStorage.getItem('hpf.h5.session')")).isNull();
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
    }
}
