package cn.hpf.mobile.common.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.RedisTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forwarding on, but the local host is not among the trusted proxies: a client that names another address in
 * X-Forwarded-For or Forwarded is counted as itself (with RateLimitTest, where the same headers are honoured, this
 * shows that the quarkus.http.proxy keys are spelt as Quarkus reads them).
 */
@QuarkusTest
@TestProfile(RateLimitUntrustedPeerTest.UntrustedPeer.class)
class RateLimitUntrustedPeerTest {

    public static class UntrustedPeer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.allow-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "192.0.2.0/24",
                    "hpf.rate-limit.login.address.failures", "4",
                    "hpf.rate-limit.login.address.lock", "PT5M");
        }
    }

    @Inject
    RedisTestClient redis;

    @Test
    void forwardedAddressesFromAnUntrustedPeerAreIgnored() {
        for (int i = 0; i < 4; i++) {
            var request = given().contentType(ContentType.JSON);
            request = i % 2 == 0 ? request.header("X-Forwarded-For", "203.0.113." + (i + 1))
                    : request.header("Forwarded", "for=203.0.113." + (i + 1));
            request.body(Map.of("memberNo", RateLimitTest.nobody(), "password", "wrong", "channel", "APP"))
                    .post("/v1/auth/token").then().statusCode(401);
        }
        // All four were the peer's own: it is locked, whatever address it claims next.
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113.99")
                .body(Map.of("memberNo", Fixtures.member().create().memberNo(), "password", "Demo@2026",
                        "channel", "APP"))
                .post("/v1/auth/token").then().statusCode(429).body("code", equalTo("RATE_LIMITED"));
        assertThat(redis.keys("rl:{login:a:*")).hasSize(1).noneMatch(k -> k.contains("203.0.113."));
    }

    /** The audit reads the address as the limits do: the untrusted peer's own, whatever it claims. */
    @Test
    void theAuditRecordsTheUntrustedPeerItself() {
        assertThat(RateLimitTest.auditedAddress(r -> r.header("X-Forwarded-For", "203.0.113.50")))
                .isEqualTo("127.0.0.1");
        assertThat(RateLimitTest.auditedAddress(r -> r.header("Forwarded", "for=203.0.113.51")))
                .isEqualTo("127.0.0.1");
    }
}
