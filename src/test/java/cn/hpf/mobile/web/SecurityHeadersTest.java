package cn.hpf.mobile.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The security headers are on every answer, once each, whoever gives it: an API answer, a problem, a refusal
 * before any resource, a static page, a 404. API answers are never stored unless their route made them public.
 */
@QuarkusTest
class SecurityHeadersTest {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Test
    void apiAnswersCarryThemAndPersonalDataIsNotStored() {
        Response account = Api.as(Api.RENTER).get("/v1/me/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertApiHeaders(account);
        assertThat(account.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void problemsCarryThem() {
        Response unauthenticated = given().get("/v1/me/account");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertApiHeaders(unauthenticated);
        assertThat(unauthenticated.header("Cache-Control")).isEqualTo("no-store");

        Response missing = given().get("/v1/no-such-thing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertApiHeaders(missing);
    }

    @Test
    void publicCacheableAnswersKeepTheirCachingAndGetTheRest() {
        Map<String, Object> q = Map.of("principalFen", 100_000_000, "annualRate", "0.031", "termMonths", 360,
                "method", "EQUAL_INSTALMENT");
        Response ok = given().queryParams(q).get("/v1/calculator/monthly-payment");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertApiHeaders(ok);
        assertThat(ok.headers().getValues("Cache-Control")).hasSize(1).first().asString().startsWith("public, max-age=");
        Response notModified = given().queryParams(q).header("If-None-Match", ok.header("ETag"))
                .get("/v1/calculator/monthly-payment");
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.header("Cache-Control")).startsWith("public");
        assertThat(notModified.header("X-Content-Type-Options")).isEqualTo("nosniff");

        Response guide = given().get("/v1/guide/services");
        assertThat(guide.statusCode()).isEqualTo(200);
        assertThat(guide.header("Cache-Control")).startsWith("public");
        assertApiHeaders(guide);
    }

    @Test
    void pagesKeepTheirOneCspAndAreFramedAsItSays() {
        for (String path : new String[] {"/h5/", "/h5/withdraw", "/ops/", "/h5/h5.css", "/ops/ops.css"}) {
            Response page = given().get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertOnce(page, "Content-Security-Policy");
            assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'self'");
            assertOnce(page, "X-Content-Type-Options");
            assertOnce(page, "Referrer-Policy");
            assertThat(page.header("Strict-Transport-Security")).isEqualTo(HSTS);
            assertThat(page.header("X-Frame-Options")).as("the CSP's frame-ancestors decides").isNull();
        }
        Response missing = given().get("/h5/js/missing.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(missing.header("Strict-Transport-Security")).isEqualTo(HSTS);
    }

    @Test
    void refusalsBeforeAnyResourceCarryThem() {
        Response tooLong = given().queryParam("pad", "x".repeat(5_000)).get("/v1/calculator/rates");
        assertThat(tooLong.statusCode()).isEqualTo(414);
        assertApiHeaders(tooLong);
        Response unsupported = given().contentType("text/plain").body("x").post("/v1/auth/token");
        assertThat(unsupported.statusCode()).isEqualTo(415);
        assertApiHeaders(unsupported);
    }

    private static void assertApiHeaders(Response r) {
        assertOnce(r, "X-Content-Type-Options");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertOnce(r, "X-Frame-Options");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.header("Strict-Transport-Security")).isEqualTo(HSTS);
        assertOnce(r, "Cache-Control");
    }

    private static void assertOnce(Response r, String name) {
        assertThat(r.headers().getValues(name)).as(name).hasSize(1);
    }
}
