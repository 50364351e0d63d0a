package cn.hpf.mobile.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import cn.hpf.mobile.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every error is RFC 9457 problem+json with a stable code, whatever layer produced it. */
@QuarkusTest
class ProblemDetailsTest {

    @Test
    void unknownRoute() {
        given().get("/v1/no-such-thing").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"))
                .body("status", equalTo(404))
                .body("title", notNullValue())
                .body("type", notNullValue())
                .body("instance", equalTo("/v1/no-such-thing"));
    }

    @Test
    void malformedJson() {
        given().contentType(ContentType.JSON).body("{\"memberNo\": ").post("/v1/auth/token").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"memberNo\":\"330100000001\",\"password\":\"x\",\"channel\":\"TELEGRAM\"}")
                .post("/v1/auth/token").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("field", equalTo("channel"));
    }

    @Test
    void wrongContentType() {
        given().contentType(ContentType.TEXT).body("memberNo=1").post("/v1/auth/token").then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void wrongMethod() {
        Api.as(Api.RENTER).delete("/v1/me/account").then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void emptyBody() {
        given().contentType(ContentType.JSON).post("/v1/auth/token").then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
