package cn.hpf.mobile.auth.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.auth.AuthConfig;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Sessions: refresh-token rotation and reuse detection, logout on every replica, fail-closed revocation view. */
@QuarkusTest
class SessionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SessionRepository sessions;
    @Inject
    AuthConfig config;
    @Inject
    Vertx vertx;
    @Inject
    RevocationView view;

    private static JsonPath login(String memberNo) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("memberNo", memberNo, "password", Api.PASSWORD, "channel", "APP"))
                .post("/v1/auth/token").then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/v1/auth/refresh").then();
    }

    private static JsonNode part(String jwt, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }

    private static String sid(String jwt) throws Exception {
        return part(jwt, 1).get("sid").asText();
    }

    @Test
    void aSignInOpensASessionWithARefreshToken() throws Exception {
        JsonPath member = login(Api.RENTER);
        assertThat(member.getString("refreshToken")).matches("[A-Za-z0-9_-]{43}"); // 256 bits, base64url
        assertThat(member.getLong("refreshExpiresIn")).isEqualTo(Duration.ofDays(30).toSeconds());
        assertThat(member.getLong("expiresIn")).isEqualTo(900);
        String access = member.getString("accessToken");
        assertThat(part(access, 0).get("kid").asText()).isEqualTo("hpf-1");
        String sid = sid(access);
        // Only the hash is stored.
        assertThat(Db.queryLong("SELECT count(*) FROM refresh_token WHERE session_id = '" + sid + "'")).isEqualTo(1);
        assertThat(Db.queryString("SELECT subject_kind || ':' || subject_id || ':' || channel FROM auth_session "
                + "WHERE id = '" + sid + "'")).isEqualTo("MEMBER:2:APP");

        JsonPath operator = given().contentType(ContentType.JSON).body(Map.of("username", "ops", "password", "Ops@2026"))
                .post("/v1/auth/operator-token").then().statusCode(200).extract().jsonPath();
        assertThat(operator.getLong("refreshExpiresIn")).isEqualTo(Duration.ofHours(12).toSeconds());
        assertThat(Db.queryString("SELECT subject_kind FROM auth_session WHERE id = '"
                + sid(operator.getString("accessToken")) + "'")).isEqualTo("OPERATOR");
    }

    @Test
    void refreshRotatesAndAReusedTokenRevokesTheWholeSession() throws Exception {
        JsonPath first = login(Api.RENTER);
        String sid = sid(first.getString("accessToken"));

        JsonPath second = refresh(first.getString("refreshToken")).statusCode(200)
                .body("tokenType", equalTo("Bearer")).extract().jsonPath();
        assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
        assertThat(sid(second.getString("accessToken"))).isEqualTo(sid);
        given().auth().oauth2(second.getString("accessToken")).get("/v1/me/account").then().statusCode(200)
                .body("memberId", equalTo(2));
        JsonPath third = refresh(second.getString("refreshToken")).statusCode(200).extract().jsonPath();

        // The first token again: someone holds a copy. The whole session dies, the newest pair included.
        refresh(first.getString("refreshToken")).statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("REFRESH_TOKEN_REUSED"));
        assertThat(Db.queryString("SELECT revoke_reason FROM auth_session WHERE id = '" + sid + "'"))
                .isEqualTo("REFRESH_TOKEN_REUSED");
        refresh(third.getString("refreshToken")).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        for (String access : new String[]{first.getString("accessToken"), third.getString("accessToken")}) {
            given().auth().oauth2(access).get("/v1/me/account").then().statusCode(401)
                    .body("code", equalTo("UNAUTHENTICATED"));
        }
        // Another session of the same member is untouched.
        given().auth().oauth2(Api.token(Api.RENTER)).get("/v1/me/account").then().statusCode(200);
    }

    @Test
    void unknownAndExpiredRefreshTokensAreInvalid() throws Exception {
        refresh("not-a-token-we-issued").statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        JsonPath session = login(Api.RENTER);
        Db.exec("UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE session_id = '"
                + sid(session.getString("accessToken")) + "'");
        refresh(session.getString("refreshToken")).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/auth/refresh").then().statusCode(400)
                .body("field", equalTo("refreshToken"));
    }

    @Test
    void logoutIsSeenByASecondInstanceWithinOneSecond() throws Exception {
        RevocationView second = new RevocationView(sessions, config, vertx);
        second.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(second::fresh);
            JsonPath session = login(Api.RENTER);
            String access = session.getString("accessToken");
            String sid = sid(access);
            given().auth().oauth2(access).get("/v1/me/account").then().statusCode(200);
            assertThat(second.revoked(sid)).isFalse();

            given().auth().oauth2(access).post("/v1/auth/logout").then().statusCode(204);
            Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> second.revoked(sid));
            assertThat(second.fresh()).isTrue();

            // Here at once: the access token and the refresh token of the session are refused.
            given().auth().oauth2(access).get("/v1/me/account").then().statusCode(401)
                    .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
            refresh(session.getString("refreshToken")).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
            given().auth().oauth2(access).post("/v1/auth/logout").then().statusCode(401);
        } finally {
            second.stop();
        }
    }

    @Test
    void aLoggedOutOperatorIsRefusedToo() throws Exception {
        JsonPath operator = given().contentType(ContentType.JSON).body(Map.of("username", "ops", "password", "Ops@2026"))
                .post("/v1/auth/operator-token").then().statusCode(200).extract().jsonPath();
        String access = operator.getString("accessToken");
        given().auth().oauth2(access).get("/v1/ops/channels").then().statusCode(200);
        given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", operator.getString("refreshToken")))
                .post("/v1/auth/logout").then().statusCode(204);
        given().auth().oauth2(access).get("/v1/ops/channels").then().statusCode(401);
        refresh(operator.getString("refreshToken")).statusCode(401).body("code", equalTo("REFRESH_TOKEN_INVALID"));
    }

    @Test
    void logoutRevokesAnotherSessionOnlyWhenItIsTheCallers() throws Exception {
        JsonPath mine = login(Api.RENTER);
        JsonPath myOther = login(Api.RENTER);
        JsonPath someoneElses = login(Api.BUYER);
        given().auth().oauth2(mine.getString("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", someoneElses.getString("refreshToken")))
                .post("/v1/auth/logout").then().statusCode(204);
        given().auth().oauth2(someoneElses.getString("accessToken")).get("/v1/me/account").then().statusCode(200);
        refresh(someoneElses.getString("refreshToken")).statusCode(200);

        // Signing out with the refresh token of her other device ends that session too.
        JsonPath third = login(Api.RENTER);
        given().auth().oauth2(third.getString("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", myOther.getString("refreshToken")))
                .post("/v1/auth/logout").then().statusCode(204);
        given().auth().oauth2(myOther.getString("accessToken")).get("/v1/me/account").then().statusCode(401);
    }

    @Test
    void aStaleViewRefusesSessionTokensButNotOthers() throws Exception {
        String access = login(Api.RENTER).getString("accessToken");
        given().auth().oauth2(access).get("/v1/me/account").then().statusCode(200);
        view.stop();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() ->
                    given().auth().oauth2(access).get("/v1/me/account").statusCode() == 503);
            given().auth().oauth2(access).get("/v1/me/account").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "1")
                    .body("code", equalTo("SESSION_CHECK_UNAVAILABLE"));
            // A token without a session (not ours, or minted by the tests) is not affected.
            given().auth().oauth2(Tokens.valid(2)).get("/v1/me/account").then().statusCode(200);
        } finally {
            view.start();
        }
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(view::fresh);
        given().auth().oauth2(access).get("/v1/me/account").then().statusCode(200);
    }

    @Test
    void theRefreshTokenIsOpaque() throws Exception {
        String refreshToken = login(Api.RENTER).getString("refreshToken");
        assertThat(refreshToken).doesNotContain(".");
        given().auth().oauth2(refreshToken).get("/v1/me/account").then().statusCode(401);
    }
}
