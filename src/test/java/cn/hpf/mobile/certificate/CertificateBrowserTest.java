package cn.hpf.mobile.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.browser.Browser;
import cn.hpf.mobile.support.browser.H5Member;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * The deposit certificate on the member page (issued, downloaded as the signed PDF) and the public verification
 * view a third party's phone opens from the certificate's QR code, without signing in.
 */
@QuarkusTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateBrowserTest {

    static final Path DOWNLOADS = Path.of("target/browser-downloads").toAbsolutePath();

    @TestHTTPResource("/h5/")
    URL h5;

    @Inject
    CertificatePdf pdf;

    Browser browser;

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(DOWNLOADS);
        try (Stream<Path> old = Files.list(DOWNLOADS)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        browser = Browser.open(h5);
        browser.cdp("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toString()));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theQrCodeOpensThePublicVerificationViewWithoutSigningIn() {
        Member m = Fixtures.member().withHistory().employer(3).create();
        DepositCertificateTest.Issued issued = DepositCertificateTest.issue(m, UUID.randomUUID().toString(),
                "{\"type\":\"DEPOSIT\"}");
        // What the QR code carries, opened on this server.
        URI qr = URI.create(pdf.verificationUrl(issued.code()));
        assertThat(qr.getRawPath()).isEqualTo("/h5/verify");
        H5Member.openSignedOut(browser, qr.getRawPath() + "?" + qr.getRawQuery());

        browser.waitForText(By.id("verify-authentic"), "真实有效");
        String text = browser.driver().findElement(By.id("verify-authentic")).getText();
        assertThat(text).contains("杭州住房公积金管理中心萧山分中心", "测*", m.idNumber().substring(0, 4) + "**********",
                "正常缴存").doesNotContain(m.idNumber()).doesNotContain(m.memberNo());
        assertThat(browser.driver().findElements(By.cssSelector("#verify-deposits tbody tr"))).hasSize(12);
        assertThat(browser.script("return sessionStorage.getItem('hpf.h5.session')")).isNull();
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
        browser.screenshot("h5-verify");

        browser.get("/h5/verify?code=AAAAAAAAAAAAAAAAAAAAAA");
        browser.waitForText(By.id("verify-invalid"), "未找到有效证明");
        assertThat(browser.driver().findElement(By.id("verify-invalid")).getText())
                .contains("No valid certificate has this code").doesNotContain("CERTIFICATE_NOT_FOUND");
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
    }

    @Test
    void theMemberIssuesDownloadsAndChecksHerCertificate() throws IOException {
        Member m = Fixtures.member().withHistory().employer(4).create();
        H5Member.open(browser, m, "/h5/certificate");
        browser.click(By.id("cert-request"));
        browser.waitFor(By.id("cert-result"));
        String code = browser.waitFor(By.cssSelector("#cert-result code")).getText();
        assertThat(code).matches("[A-Za-z0-9_-]{22}");
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
        browser.screenshot("h5-certificate");

        browser.click(By.id("cert-download"));
        browser.waitForText(By.id("cert-result"), "已下载 PDF");
        Path file = browser.waitUntil(d -> downloaded(), Duration.ofSeconds(30));
        assertThat(new String(Files.readAllBytes(file), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");

        browser.click(By.id("cert-verify-link"));
        browser.waitForText(By.id("verify-authentic"), "真实有效");
        assertThat(browser.path()).isEqualTo("/h5/verify");
        assertThat(browser.cspViolations()).isEmpty();
    }

    /** The finished download, once there is one (Chromium writes .crdownload files while it is under way). */
    private static Path downloaded() {
        try (Stream<Path> files = Files.list(DOWNLOADS)) {
            return files.filter(f -> f.getFileName().toString().startsWith("deposit-certificate-")
                    && f.getFileName().toString().endsWith(".pdf")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
