package cn.hpf.mobile.partner;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.browser.Browser;
import cn.hpf.mobile.support.browser.H5Member;
import cn.hpf.partner.client.PartnerClient;
import cn.hpf.partner.client.Pkce;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * The partner consent screen (/h5/consent): the app and the scopes in words; approving lands on the registered
 * redirectUri with a code that the app exchanges with its PKCE verifier, and the state; denying lands there with
 * error=access_denied; an unregistered redirectUri is refused on screen and nobody is sent anywhere.
 */
@QuarkusTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentBrowserTest {

    @TestHTTPResource("/h5/")
    URL h5;

    Browser browser;

    @BeforeAll
    void start() {
        browser = Browser.open(h5);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String consentPath(Fixtures.Partner p, String scopes, String state, String redirectUri,
                                      String challenge) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("appId", p.appId());
        q.put("scopes", scopes);
        q.put("state", state);
        q.put("redirectUri", redirectUri);
        q.put("codeChallenge", challenge);
        StringBuilder b = new StringBuilder("/h5/consent?");
        q.forEach((k, v) -> b.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return b.substring(0, b.length() - 1);
    }

    /** The query parameters of the URL the browser is at (it failed to load: partner.example is nobody). */
    private Map<String, String> landedOn(String prefix) {
        browser.waitUntil(d -> d.getCurrentUrl().startsWith(prefix + "?"));
        URI uri = URI.create(browser.driver().getCurrentUrl());
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    @Test
    void approvingSendsTheCodeAndStateToTheRegisteredRedirectUri() {
        Fixtures.Partner p = Fixtures.partner("account", "withdrawal");
        Fixtures.Member m = Fixtures.member(100_000);
        String verifier = Pkce.newVerifier();
        H5Member.open(browser, m, consentPath(p, "account withdrawal", "st-approve", Fixtures.PARTNER_REDIRECT,
                Pkce.challenge(verifier)));

        browser.waitFor(By.id("consent-approve"));
        assertThat(browser.driver().findElement(By.id("consent-app")).getText()).contains("申请获取以下授权");
        assertThat(browser.driver().findElement(By.id("consent-scopes")).getText())
                .contains("查看您的公积金账户", "代您办理提取").doesNotContain("withdrawal");
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
        browser.screenshot("h5-consent");

        browser.click(By.id("consent-approve"));
        Map<String, String> q = landedOn(Fixtures.PARTNER_REDIRECT);
        assertThat(q).containsEntry("state", "st-approve").containsKey("code").doesNotContainKey("error");
        PartnerClient.Tokens tokens = p.client().exchangeCode(q.get("code"), verifier);
        assertThat(tokens.scopes()).containsExactlyInAnyOrder("account", "withdrawal");
        assertThat(p.client().get("/partner/v1/account", tokens.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aMemberNotSignedInSignsInFirstAndComesBackToTheSameConsent() {
        Fixtures.Partner p = Fixtures.partner("account");
        Fixtures.Member m = Fixtures.member(100_000);
        String path = consentPath(p, "account", "st-login", Fixtures.PARTNER_REDIRECT,
                Pkce.challenge(Pkce.newVerifier()));
        H5Member.openSignedOut(browser, path);
        browser.waitUntil(d -> browser.path().equals("/h5/login"));
        browser.type(By.id("login-member"), m.memberNo());
        browser.type(By.id("login-password"), "Demo@2026");
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.waitFor(By.id("consent-approve"));
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.origin() + path);
        browser.click(By.id("consent-deny"));
        assertThat(landedOn(Fixtures.PARTNER_REDIRECT)).containsEntry("error", "access_denied")
                .containsEntry("state", "st-login");
    }

    @Test
    void denyingSendsAccessDeniedAndTheStateBack() {
        Fixtures.Partner p = Fixtures.partner("account");
        Fixtures.Member m = Fixtures.member(100_000);
        H5Member.open(browser, m, consentPath(p, "account", "st-deny", Fixtures.PARTNER_REDIRECT,
                Pkce.challenge(Pkce.newVerifier())));
        browser.click(By.id("consent-deny"));
        assertThat(landedOn(Fixtures.PARTNER_REDIRECT)).containsEntry("error", "access_denied")
                .containsEntry("state", "st-deny").doesNotContainKey("code");
    }

    @Test
    void anUnregisteredRedirectUriIsRefusedOnScreenAndNobodyIsSentAnywhere() {
        Fixtures.Partner p = Fixtures.partner("account");
        Fixtures.Member m = Fixtures.member(100_000);
        String path = consentPath(p, "account", "st-evil", "https://evil.example/steal",
                Pkce.challenge(Pkce.newVerifier()));
        H5Member.open(browser, m, path);
        browser.waitForText(By.id("consent-refused"), "与其在中心登记的地址不一致");
        assertThat(browser.driver().findElements(By.id("consent-approve"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("consent-deny"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("consent-back"))).isEmpty();
        assertThat(browser.path()).isEqualTo("/h5/consent");
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
    }
}
