package cn.hpf.mobile.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PageFilterTest {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

    @Test
    void pageRoutesAnswerTheIndexWithTheSecurityHeaders() {
        for (String path : new String[] {"/h5/", "/h5", "/h5/withdraw", "/h5/consent"}) {
            given().queryParam("x", "1").get(path).then().statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", equalTo(CSP))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .body(containsString("<main id=\"app\""));
        }
    }

    @Test
    void filesAreServedAsTheyAreAndMissingFilesAreNotTheIndex() {
        given().get("/h5/h5.css").then().statusCode(200).contentType(containsString("text/css"))
                .header("Content-Security-Policy", equalTo(CSP));
        given().get("/h5/js/missing.js").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void apiRoutesGetNoPageHeaders() {
        given().get("/v1/calculator/rates").then().header("Content-Security-Policy", nullValue());
    }

    @Test
    void providerOriginJoinsConnectAndFormActionAndFramersJoinFrameAncestors() {
        String csp = PageFilter.contentSecurityPolicy(java.util.Optional.of("https://id.example:8443"),
                java.util.List.of("https://h5.partner.example"));
        org.assertj.core.api.Assertions.assertThat(csp)
                .contains("connect-src 'self' https://id.example:8443;")
                .contains("form-action 'self' https://id.example:8443")
                .contains("frame-ancestors 'self' https://h5.partner.example;");
    }
}
