package cn.hpf.mobile.certificate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.ratelimit.RateLimitConfig;
import cn.hpf.mobile.common.ratelimit.RateLimiter;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.TestClock;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CertificateVerificationTest {

    @Inject
    RateLimitConfig config;

    @Inject
    Clock clock;

    @Inject
    Vertx vertx;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void aValidCodeConfirmsTheCertificateWithOnlyWhatAThirdPartyNeeds() {
        Member m = Fixtures.member().withHistory().employer(5).create();
        DepositCertificateTest.Issued issued = DepositCertificateTest.issue(m, UUID.randomUUID().toString(),
                "{\"type\":\"DEPOSIT\"}");
        YearMonth last = YearMonth.now(cn.hpf.mobile.common.Zones.SHANGHAI).minusMonths(1);
        Response r = given().get("/v1/certificates/verify/" + issued.code());
        r.then().statusCode(200).header("Cache-Control", "no-store")
                .body("authentic", equalTo(true))
                .body("type", equalTo("DEPOSIT"))
                .body("issuer", equalTo("杭州住房公积金管理中心萧山分中心"))
                .body("memberName", equalTo("测" + "*".repeat(("试" + m.id()).length())))
                .body("maskedIdNumber", equalTo(m.idNumber().substring(0, 4) + "**********" + m.idNumber().substring(14)))
                .body("employer", equalTo("杭州市萧山区第一人民医院"))
                .body("accountStatus", equalTo("NORMAL"))
                .body("periodFrom", equalTo(last.minusMonths(11).toString()))
                .body("periodTo", equalTo(last.toString()))
                .body("deposits", hasSize(12))
                .body("deposits[0].amountFen", equalTo(240_000))
                .body("deposits[0].status", equalTo("PAID"))
                .body("balanceFen", equalTo((int) cn.hpf.mobile.support.Db.queryLong(
                        "SELECT balance_fen FROM account WHERE member_id = " + m.id())));
        assertThat(r.asString()).doesNotContain(m.idNumber(), m.memberNo(), "测试" + m.id(), "6222",
                "verificationCode", issued.id());
    }

    @Test
    void anUnknownOrMalformedCodeIsNotFound() {
        for (String code : new String[]{"AAAAAAAAAAAAAAAAAAAAAA", "not*a*code", "x"}) {
            given().get("/v1/certificates/verify/" + code).then().statusCode(404)
                    .contentType("application/problem+json").body("code", equalTo("CERTIFICATE_NOT_FOUND"));
        }
    }

    @Test
    void anExpiredCertificateIsNotFound() {
        Member m = Fixtures.member().withHistory().create();
        DepositCertificateTest.Issued issued = DepositCertificateTest.issue(m, UUID.randomUUID().toString(),
                "{\"type\":\"DEPOSIT\"}");
        TestClock.setTo(issued.validUntil().toInstant().minusSeconds(60));
        given().get("/v1/certificates/verify/" + issued.code()).then().statusCode(200);
        TestClock.setTo(issued.validUntil().toInstant().plusSeconds(1));
        given().get("/v1/certificates/verify/" + issued.code()).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("CERTIFICATE_NOT_FOUND"));
    }

    @Test
    void tooManyVerificationsFromOneAddressAre429WithRetryAfter() {
        int limit = config.certificate().address().attempts();
        long windowMillis = config.certificate().address().window().toMillis();
        // A window of its own: years ahead (the window starts with its first verification).
        Instant start = Instant.now().plus(Duration.ofDays(3650 + ThreadLocalRandom.current().nextInt(1000)));
        TestClock.setTo(start);
        for (int i = 0; i < limit; i++) {
            given().get("/v1/certificates/verify/AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404);
        }
        Response refused = given().get("/v1/certificates/verify/AAAAAAAAAAAAAAAAAAAAAA");
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"));
        // Seconds to the window's end.
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, (int) (windowMillis / 1000));
        // The next window starts afresh.
        TestClock.setTo(start.plusMillis(windowMillis + 1_000));
        given().get("/v1/certificates/verify/AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404);
    }

    /** Redis down: the limit is counted by the replica itself; never a 500, and still a limit. */
    @Test
    void withoutRedisTheReplicaCountsAlone() {
        Redis unreachable = Redis.createClient(vertx, "redis://127.0.0.1:1");
        try {
            RateLimiter limiter = new RateLimiter(
                    new ReactiveRedisDataSourceImpl(vertx, unreachable, RedisAPI.api(unreachable)), config, clock);
            String address = "198.51.100." + ThreadLocalRandom.current().nextInt(256);
            for (int i = 0; i < config.certificate().address().attempts(); i++) {
                limiter.acquire(RateLimiter.Action.CERTIFICATE, null, address).await().atMost(Duration.ofSeconds(5));
            }
            assertThatThrownBy(() -> limiter.acquire(RateLimiter.Action.CERTIFICATE, null, address)
                    .await().atMost(Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.code()).isEqualTo("RATE_LIMITED");
                        assertThat(e.retryAfterSeconds()).isPositive();
                    });
        } finally {
            unreachable.close();
        }
    }
}
