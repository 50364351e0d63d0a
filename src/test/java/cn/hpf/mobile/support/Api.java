package cn.hpf.mobile.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Logs demo members in through the real endpoint (tokens cached per run) and builds authenticated requests. */
public final class Api {

    public static final String PASSWORD = "Demo@2026";
    /** Demo members from src/main/resources/demo/seed.sql. */
    public static final String OWNER_WITH_LOAN = "330100000001";
    public static final String RENTER = "330100000002";
    public static final String SEALED = "330100000003";
    public static final String FROZEN = "330100000004";
    public static final String RETIREE = "330100000005";
    public static final String OVERDUE_LOAN = "330100000006";
    public static final String BUYER = "330100000007";
    public static final String LOW_INCOME = "330100000008";

    /** Tokens live 15 minutes; a long run (the adversary campaign) logs in again well before that. */
    private static final long REUSE_NANOS = java.time.Duration.ofMinutes(10).toNanos();
    private static final Map<String, Issued> TOKENS = new ConcurrentHashMap<>();

    private record Issued(String token, long atNanos) {
    }

    private Api() {
    }

    public static String token(String memberNo) {
        return cached(memberNo, () -> given().contentType(ContentType.JSON)
                .body(Map.of("memberNo", memberNo, "password", PASSWORD, "channel", "APP"))
                .post("/v1/auth/token")
                .then().statusCode(200)
                .extract().path("accessToken"));
    }

    private static String cached(String who, java.util.function.Supplier<String> login) {
        return TOKENS.compute(who, (k, old) -> old != null && System.nanoTime() - old.atNanos() < REUSE_NANOS ? old
                : new Issued(login.get(), System.nanoTime())).token();
    }

    public static String operatorToken() {
        return cached("operator:ops", () -> given().contentType(ContentType.JSON)
                .body(Map.of("username", "ops", "password", "Ops@2026"))
                .post("/v1/auth/operator-token")
                .then().statusCode(200)
                .extract().path("accessToken"));
    }

    public static RequestSpecification as(String memberNo) {
        return given().auth().oauth2(token(memberNo));
    }

    public static RequestSpecification asOperator() {
        return given().auth().oauth2(operatorToken());
    }
}
