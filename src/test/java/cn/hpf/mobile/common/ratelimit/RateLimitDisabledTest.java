package cn.hpf.mobile.common.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.RedisTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** hpf.rate-limit.enabled=false (bin/bench, bin/loadtest): nothing is limited, nothing is counted. */
@QuarkusTest
@TestProfile(RateLimitDisabledTest.Disabled.class)
class RateLimitDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "hpf.rate-limit.enabled", "false",
                    "hpf.rate-limit.login.member.attempts", "2",
                    "hpf.rate-limit.login.member.failures", "2",
                    "hpf.rate-limit.face.member.attempts", "1",
                    "hpf.rate-limit.certificate.address.attempts", "1",
                    "hpf.rate-limit.certificate.address.failures", "1");
        }
    }

    @Inject
    RedisTestClient redis;

    @Test
    void nothingIsLimitedWhenDisabled() {
        Member m = Fixtures.member().create();
        for (int i = 0; i < 4; i++) {
            login(m.memberNo(), "wrong").then().statusCode(401);
        }
        login(m.memberNo(), "Demo@2026").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            m.api().contentType(ContentType.JSON).body(Map.of("purpose", "WITHDRAWAL"))
                    .post("/v1/face-verifications").then().statusCode(201);
            given().get("/v1/certificates/verify/AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404);
        }
        assertThat(redis.keys("rl:*")).isEmpty();
    }

    private static io.restassured.response.Response login(String memberNo, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("memberNo", memberNo, "password", password, "channel", "APP"))
                .post("/v1/auth/token");
    }
}
