package cn.hpf.mobile.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AuthenticationTest {

    @Test
    void memberLogsInAndGetsAFifteenMinuteToken() {
        given().contentType(ContentType.JSON)
                .body(Map.of("memberNo", Api.RENTER, "password", Api.PASSWORD, "channel", "MINI_PROGRAM"))
                .post("/v1/auth/token").then()
                .statusCode(200)
                .body("accessToken", notNullValue())
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900));
    }

    @Test
    void theTokenCarriesTheMemberAndChannel() {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("memberNo", Api.RENTER, "password", Api.PASSWORD, "channel", "MINI_PROGRAM"))
                .post("/v1/auth/token").then().statusCode(200).extract().path("accessToken");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        org.assertj.core.api.Assertions.assertThat(claims)
                .contains("\"sub\":\"2\"").contains("\"channel\":\"MINI_PROGRAM\"").contains("\"member\"");
    }

    @Test
    void wrongPasswordAndUnknownMemberAreTheSame401() {
        for (String memberNo : new String[]{Api.RENTER, "339999999999"}) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("memberNo", memberNo, "password", "wrong", "channel", "APP"))
                    .post("/v1/auth/token").then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("code", equalTo("INVALID_CREDENTIALS"));
        }
    }

    @Test
    void channelMustBeAMemberChannel() {
        given().contentType(ContentType.JSON)
                .body(Map.of("memberNo", Api.RENTER, "password", Api.PASSWORD, "channel", "PARTNER"))
                .post("/v1/auth/token").then()
                .statusCode(400).body("field", equalTo("channel"));
        given().contentType(ContentType.JSON)
                .body(Map.of("memberNo", Api.RENTER, "password", Api.PASSWORD, "channel", "TELEGRAM"))
                .post("/v1/auth/token").then()
                .statusCode(400).body("field", equalTo("channel"));
    }

    @Test
    void missingFieldsAreNamed() {
        given().contentType(ContentType.JSON).body(Map.of("password", "x", "channel", "APP"))
                .post("/v1/auth/token").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("field", equalTo("memberNo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"expired", "anotherKey", "algNone", "wrongIssuer", "garbage", "missing"})
    void badTokensAre401(String kind) {
        LongFunction<String> forge = switch (kind) {
            case "expired" -> Tokens::expired;
            case "anotherKey" -> Tokens::signedByAnotherKey;
            case "algNone" -> Tokens::algNone;
            case "wrongIssuer" -> Tokens::wrongIssuer;
            case "garbage" -> id -> "not.a.jwt";
            default -> null;
        };
        var request = forge == null ? given() : given().auth().oauth2(forge.apply(2));
        request.get("/v1/me/account").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aForgedButWellSignedTokenIsAccepted() {
        // Guards the test above: the forging helper itself produces tokens the service accepts.
        given().auth().oauth2(Tokens.valid(2)).get("/v1/me/account").then().statusCode(200)
                .body("memberId", equalTo(2));
    }

    @Test
    void aTokenOfAnUnknownChannelCannotActOnMoneyButMayStillRead() {
        // Money actions record the channel: one we do not know is a 401, not a 500 and not a guess.
        String token = Tokens.unknownChannel(2);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("purpose", "WITHDRAWAL"))
                .post("/v1/face-verifications").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
        // Reads record nothing, so the signed member id is enough.
        given().auth().oauth2(token).get("/v1/me/account").then().statusCode(200).body("memberId", equalTo(2));
    }

    @Test
    void operatorTokenCannotUseMemberRoutes() {
        Api.asOperator().get("/v1/me/account").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));
    }
}
