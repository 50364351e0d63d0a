package cn.hpf.mobile.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import cn.hpf.mobile.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    /**
     * Readiness follows PostgreSQL, the truth, and not Redis: every replica serves on PostgreSQL alone while Redis
     * fails over, so a Redis outage must not take all of them out of the balancer at once.
     */
    @Test
    void readinessChecksPostgresButNotRedis() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check"))
                .body("checks.name", not(hasItems("Redis connection health check")));
    }

    @Test
    void prometheusMetricsAreExposed() {
        Api.as(Api.RENTER).get("/v1/me/account").then().statusCode(200);
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void redisCommandLatencyIsRecordedOnce() {
        Api.as(Api.RENTER).get("/v1/me/account").then().statusCode(200);
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("redis_processing_seconds_count"))
                .body(not(containsString("redis_commands_duration_seconds")));
    }
}
