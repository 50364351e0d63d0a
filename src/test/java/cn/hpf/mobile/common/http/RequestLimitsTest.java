package cn.hpf.mobile.common.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.partner.client.PartnerClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every limit on a request's shape bites where it is configured, and answers problem+json with its code: the
 * body (declared or chunked, on the member and the signed partner API), the target, the headers, the JSON's depth,
 * a key given twice, the Content-Type and the Accept. Sizes sit between our limits and Vert.x's defaults, so a
 * quarkus.http.limits key that did not take would show as Vert.x's empty answer instead.
 */
@QuarkusTest
class RequestLimitsTest {

    static final int MAX_BODY = 64 * 1024;
    static final String LOGIN = "/v1/auth/token";

    @Test
    void aDeclaredBodyOverTheLimitIs413AndOneAtTheLimitIsRead() {
        given().contentType(ContentType.JSON).body(jsonOfSize(MAX_BODY + 1)).post(LOGIN).then()
                .statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("BODY_TOO_LARGE")).body("status", equalTo(413))
                .header("Connection", "close").header("X-Content-Type-Options", "nosniff");
        // Exactly the limit is read: the login's own validation answers (memberNo is too long).
        given().contentType(ContentType.JSON).body(jsonOfSize(MAX_BODY)).post(LOGIN).then()
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndAChunkedBodyWithinItIsRead() {
        RawHttp.Answer over = RawHttp.send("POST " + LOGIN + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked", RawHttp.chunked(
                jsonOfSize(MAX_BODY + 1).getBytes(StandardCharsets.UTF_8)));
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(over.body()).contains("\"code\":\"BODY_TOO_LARGE\"");
        assertThat(over.header("X-Frame-Options")).isEqualTo("DENY");

        byte[] login = ("{\"memberNo\":\"" + Api.LOW_INCOME + "\",\"password\":\"" + Api.PASSWORD
                + "\",\"channel\":\"APP\"}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer within = RawHttp.send("POST " + LOGIN + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked", RawHttp.chunked(login));
        assertThat(within.status()).as(within.body()).isEqualTo(200);
        assertThat(within.body()).contains("accessToken");
    }

    @Test
    void aPartnersBodyOverTheLimitIsRefusedSignedBeforeItsSignatureIsChecked() {
        Fixtures.Partner partner = Fixtures.partner();
        String token = partner.token(Fixtures.member(100_000), "withdrawal");
        PartnerClient.Reply r = partner.client().send("POST", "/partner/v1/face-verifications",
                jsonOfSize(MAX_BODY + 1).getBytes(StandardCharsets.UTF_8), token);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("code").asText()).isEqualTo("BODY_TOO_LARGE");
        assertThat(r.verified()).as("the refusal is signed like every partner answer").isTrue();
    }

    @Test
    void aTargetOverTheLimitIs414ProblemUpToVertxsOwnLimit() {
        // 5,000 characters: over ours (4,096), under Vert.x's as configured but over its default (4,096).
        given().queryParam("pad", "x".repeat(5_000)).get("/v1/calculator/rates").then()
                .statusCode(414).contentType("application/problem+json")
                .body("code", equalTo("URI_TOO_LONG")).body("instance", nullValue())
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        // Just within ours: answered by the route.
        given().queryParam("pad", "x".repeat(4_000)).get("/v1/calculator/rates").then().statusCode(200);
        // Hostile targets of tens of kilobytes (a percent-encoded text) are still below the backstop: a problem.
        RawHttp.Answer long40k = RawHttp.send("GET /v1/calculator/rates?pad=" + "%E7%94%A8".repeat(4_500)
                + " HTTP/1.1\r\nHost: localhost", new byte[0]);
        assertThat(long40k.status()).isEqualTo(414);
        assertThat(long40k.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(long40k.body()).contains("\"code\":\"URI_TOO_LONG\"");
        // Beyond the backstop Vert.x answers before any handler runs: an empty 414.
        RawHttp.Answer beyond = RawHttp.send("GET /v1/calculator/rates?pad=" + "x".repeat(70_000)
                + " HTTP/1.1\r\nHost: localhost", new byte[0]);
        assertThat(beyond.status()).isEqualTo(414);
        assertThat(beyond.body()).isEmpty();
    }

    /** Quarkus refuses a target that is not a URI with an empty 400 before any filter; ours says why. */
    @Test
    void aTargetThatIsNotAUriIs400Problem() {
        for (String target : List.of("/v1/calculator/rates?a=%ZZ", "/v1/calculator/rates?a=%", "/v1/guide/%zz/x",
                "/partner/v1/account?a=%E7%9", "/v1/calculator/rates?a=<b>", "/q/health?x=%G1")) {
            RawHttp.Answer a = RawHttp.send("GET " + target + " HTTP/1.1\r\nHost: localhost", new byte[0]);
            assertThat(a.status()).as(target).isEqualTo(400);
            assertThat(a.header("Content-Type")).as(target).isEqualTo("application/problem+json");
            assertThat(a.body()).as(target).contains("\"code\":\"BAD_REQUEST\"");
            assertThat(a.header("X-Content-Type-Options")).as(target).isEqualTo("nosniff");
        }
        // A well-formed escape is no business of the guard's.
        RawHttp.Answer fine = RawHttp.send("GET /v1/calculator/rates?a=%E7%94%A8 HTTP/1.1\r\nHost: localhost",
                new byte[0]);
        assertThat(fine.status()).isEqualTo(200);
    }

    @Test
    void headersOverTheLimitAre431Problem() {
        // 24,000 bytes: over ours (16 KiB) and Vert.x's default (20 KiB), under Vert.x's as configured (32 KiB).
        given().header("X-Pad", "x".repeat(24_000)).get("/v1/calculator/rates").then()
                .statusCode(431).contentType("application/problem+json")
                .body("code", equalTo("HEADERS_TOO_LARGE")).header("X-Frame-Options", "DENY");
        given().header("X-Pad", "x".repeat(15_000)).get("/v1/calculator/rates").then().statusCode(200);
    }

    @Test
    void overHttp2TheHeaderLimitIsTheSame() throws Exception {
        HttpClient h2 = http2();
        HttpResponse<String> within = paddedRates(h2, 15_000);
        assertThat(within.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(within.statusCode()).isEqualTo(200);
        HttpResponse<String> over = paddedRates(h2, 24_000);
        assertThat(over.statusCode()).isEqualTo(431);
        assertThat(over.body()).contains("\"code\":\"HEADERS_TOO_LARGE\"");
    }

    @Test
    void jsonNestedDeeperThanTheLimitIs400JsonTooDeep() {
        // The object itself is one level: 31 arrays inside make 32, the limit; 32 make 33.
        given().contentType(ContentType.JSON).body(loginWith("\"future\":" + nested(31))).post(LOGIN).then()
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().contentType(ContentType.JSON).body(loginWith("\"future\":" + nested(32))).post(LOGIN).then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("JSON_TOO_DEEP"));
    }

    @Test
    void aKeyGivenTwiceIs400DuplicateJsonKeyAtAnyDepth() {
        given().contentType(ContentType.JSON)
                .body("{\"memberNo\":\"" + Api.RENTER + "\",\"memberNo\":\"" + Api.OWNER_WITH_LOAN
                        + "\",\"password\":\"x\",\"channel\":\"APP\"}")
                .post(LOGIN).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("DUPLICATE_JSON_KEY")).body("field", equalTo("memberNo"));
        // Inside a field nobody reads, too: two readers of these bytes must not disagree.
        given().contentType(ContentType.JSON).body(loginWith("\"future\":{\"a\":1,\"a\":2}")).post(LOGIN).then()
                .statusCode(400).body("code", equalTo("DUPLICATE_JSON_KEY")).body("field", equalTo("a"));
    }

    @Test
    void thePartnerApiReadsItsSignedBytesByTheSameRules() {
        Fixtures.Partner partner = Fixtures.partner();
        String token = partner.token(Fixtures.member(100_000), "withdrawal");
        PartnerClient.Reply twice = partner.client().send("POST", "/partner/v1/face-verifications",
                bytes("{\"purpose\":\"WITHDRAWAL\",\"purpose\":\"PREPAYMENT\",\"certifyId\":\"PASS-dup\"}"), token);
        assertThat(twice.status()).as(twice.text()).isEqualTo(400);
        assertThat(twice.json().path("code").asText()).isEqualTo("DUPLICATE_JSON_KEY");
        assertThat(twice.verified()).isTrue();

        PartnerClient.Reply deep = partner.client().send("POST", "/partner/v1/face-verifications",
                bytes("{\"purpose\":\"WITHDRAWAL\",\"certifyId\":\"PASS-deep\",\"future\":" + nested(32) + "}"), token);
        assertThat(deep.json().path("code").asText()).as(deep.text()).isEqualTo("JSON_TOO_DEEP");

        PartnerClient.Reply garbage = partner.client().send("POST", "/partner/v1/face-verifications",
                bytes("{\"purpose\":\"WITHDRAWAL\",]"), token);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().path("code").asText()).isEqualTo("MALFORMED_JSON");

        PartnerClient.Reply future = partner.client().send("POST", "/partner/v1/face-verifications",
                bytes("{\"purpose\":\"WITHDRAWAL\",\"certifyId\":\"PASS-" + java.util.UUID.randomUUID()
                        + "\",\"livenessScore\":0.98,\"device\":{\"os\":\"iOS\",\"tags\":[1,2]}}"), token);
        assertThat(future.status()).as("unknown fields are ignored: " + future.text()).isEqualTo(201);
    }

    @Test
    void unknownFieldsAreIgnoredAndGarbageOrTruncatedJsonIs400() {
        given().contentType(ContentType.JSON).body(Map.of("memberNo", Api.BUYER, "password", Api.PASSWORD,
                        "channel", "APP", "deviceModel", "future-phone", "extras", Map.of("a", java.util.List.of(1))))
                .post(LOGIN).then().statusCode(200);
        for (String bad : new String[] {"{\"memberNo\": ", "not json", "{]", "[1,2", "\"\\u12\"", "{\"a\":01}"}) {
            given().contentType(ContentType.JSON).body(bad).post(LOGIN).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("MALFORMED_JSON"));
        }
    }

    @Test
    void aBodyThatIsNotJsonInUtf8Is415WhateverTheRouteReadsItAs() throws Exception {
        // A JSON route, a route that reads its body as text (an operator's reason), a signed partner route; and no
        // Content-Type at all.
        for (String path : new String[] {LOGIN, "/v1/ops/admissions/pause", "/partner/v1/face-verifications"}) {
            for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded",
                    "application/json; charset=ISO-8859-1", "application/jsonp", null}) {
                HttpResponse<String> r = post(path, type, "{\"reason\":\"x\"}");
                assertThat(r.statusCode()).as(path + " " + type).isEqualTo(415);
                assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(r.body()).contains("\"code\":\"UNSUPPORTED_MEDIA_TYPE\"");
            }
        }
        // UTF-8 said any way is JSON; a POST without a body needs no Content-Type.
        HttpResponse<String> utf8 = post(LOGIN, "Application/JSON; Charset=\"utf-8\"", "{\"memberNo\":\"\"}");
        assertThat(utf8.statusCode()).isEqualTo(400);
        assertThat(utf8.body()).contains("VALIDATION_FAILED");
        Api.asOperator().post("/v1/ops/payouts/resume").then().statusCode(200);
    }

    private static HttpResponse<String> post(String path, String type, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            r.header("Content-Type", type);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAcceptWithoutJsonIs406Problem() {
        given().accept("application/xml").get("/v1/calculator/rates").then()
                .statusCode(406).contentType("application/problem+json").body("code", equalTo("NOT_ACCEPTABLE"));
        Api.as(Api.RENTER).accept("text/html").get("/v1/me/account").then()
                .statusCode(406).body("code", equalTo("NOT_ACCEPTABLE"));
        given().accept("application/json, text/html;q=0.5").get("/v1/calculator/rates").then().statusCode(200);
        given().accept("*/*").get("/v1/calculator/rates").then().statusCode(200);
    }

    @Test
    void theRoutersOwnRefusalsAreProblemsToo() {
        RawHttp.Answer noHost = RawHttp.send("GET /v1/calculator/rates HTTP/1.1", new byte[0]);
        assertThat(noHost.status()).isEqualTo(400);
        assertThat(noHost.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(noHost.body()).contains("\"code\":\"BAD_REQUEST\"");
        assertThat(noHost.header("X-Content-Type-Options")).isEqualTo("nosniff");

        RawHttp.Answer notAPath = RawHttp.send("GET v1/calculator/rates HTTP/1.1\r\nHost: localhost", new byte[0]);
        assertThat(notAPath.status()).isEqualTo(404);
        assertThat(notAPath.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(notAPath.body()).contains("\"code\":\"NOT_FOUND\"");
        assertThat(notAPath.header("X-Frame-Options")).isEqualTo("DENY");
    }

    /**
     * What a client gets beyond the backstop (README, request limits). The header block is refused by the HTTP/1.1 or
     * HTTP/2 codec before any handler runs, and Quarkus keeps Vert.x's own invalid-request handler (it gives the
     * application the server's options, never the server): an empty 431. An HTTP/2 body without Content-Length is
     * only measured as the REST layer reads it, which answers an empty 413 itself. Pinned, so that a change of Quarkus
     * shows here.
     */
    @Test
    void beyondTheBackstopTheAnswersAreBare() throws Exception {
        RawHttp.Answer headers = RawHttp.send("GET /v1/calculator/rates HTTP/1.1\r\nHost: localhost\r\nX-Pad: "
                + "x".repeat(40_000), new byte[0]);
        assertThat(headers.status()).isEqualTo(431);
        assertThat(headers.body()).isEmpty();
        assertThat(headers.header("Content-Type")).isNull();
        assertThat(headers.header("X-Content-Type-Options")).as("no handler ran").isNull();

        HttpClient h2 = http2();
        HttpResponse<String> h2Headers = paddedRates(h2, 40_000);
        assertThat(h2Headers.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(h2Headers.statusCode()).isEqualTo(431);
        assertThat(h2Headers.body()).isEmpty();

        // HTTP/2 frames say where a body ends: without Content-Length its size is only known as it is read.
        byte[] big = jsonOfSize(MAX_BODY + 1).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> h2Body = h2.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + RestAssured.port + LOGIN)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(h2Body.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(h2Body.statusCode()).isEqualTo(413);
        assertThat(h2Body.body()).isEmpty();
        // It passed the handlers that add the security headers: only its body is bare.
        assertThat(h2Body.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    /** A client whose connection is upgraded to HTTP/2 (h2c) by a first exchange. */
    private static HttpClient http2() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        h2.send(HttpRequest.newBuilder(rates()).build(), HttpResponse.BodyHandlers.ofString());
        return h2;
    }

    private static URI rates() {
        return URI.create("http://localhost:" + RestAssured.port + "/v1/calculator/rates");
    }

    private static HttpResponse<String> paddedRates(HttpClient client, int padding) throws Exception {
        return client.send(HttpRequest.newBuilder(rates()).header("X-Pad", "x".repeat(padding)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String loginWith(String extra) {
        return "{\"memberNo\":\"" + "9".repeat(40) + "\",\"password\":\"x\",\"channel\":\"APP\"," + extra + "}";
    }

    private static String nested(int arrays) {
        return "[".repeat(arrays) + "]".repeat(arrays);
    }

    /** A login body of exactly {@code size} bytes, its memberNo padded (and so too long to be valid). */
    private static String jsonOfSize(int size) {
        String head = "{\"password\":\"x\",\"channel\":\"APP\",\"memberNo\":\"";
        String tail = "\"}";
        return head + "9".repeat(size - head.length() - tail.length()) + tail;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
