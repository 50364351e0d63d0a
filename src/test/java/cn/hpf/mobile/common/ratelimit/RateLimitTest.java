package cn.hpf.mobile.common.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.RedisTestClient;
import cn.hpf.mobile.support.TestClock;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The brute-force limits of password login, face verification and the certificate check, per member and per client
 * address, with small bounds. Requests come from 127.0.0.1, a trusted proxy here: each test names its own client in
 * X-Forwarded-For (or Forwarded), so tests never share an address's counts.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    /** Small bounds, and the local host trusted as a proxy (as HAProxy is in bin/cluster). */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                    Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                    Map.entry("quarkus.http.proxy.allow-forwarded", "true"),
                    Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.0/8,::1/128"),
                    Map.entry("hpf.rate-limit.login.member.attempts", "4"),
                    Map.entry("hpf.rate-limit.login.member.failures", "3"),
                    Map.entry("hpf.rate-limit.login.member.lock", "PT5M"),
                    Map.entry("hpf.rate-limit.login.address.attempts", "6"),
                    Map.entry("hpf.rate-limit.login.address.failures", "4"),
                    Map.entry("hpf.rate-limit.login.address.lock", "PT5M"),
                    Map.entry("hpf.rate-limit.face.member.attempts", "3"),
                    Map.entry("hpf.rate-limit.face.member.failures", "2"),
                    Map.entry("hpf.rate-limit.face.address.attempts", "5"),
                    Map.entry("hpf.rate-limit.certificate.address.attempts", "5"),
                    Map.entry("hpf.rate-limit.certificate.address.failures", "3"));
        }
    }

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

    @Inject
    RedisTestClient redis;
    @Inject
    ReactiveRedisDataSource redisDataSource;
    @Inject
    RateLimitConfig config;
    @Inject
    Clock clock;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void wrongPasswordsLockTheMemberWhateverThePasswordAndFromAnyAddressUntilTheLockEnds() {
        Member m = Fixtures.member().create();
        String address = freshAddress();
        for (int i = 0; i < 3; i++) {
            login(m.memberNo(), "wrong", address).then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        }
        Response locked = login(m.memberNo(), "Demo@2026", address);
        assertRateLimited(locked, 240, 300);
        // The member is locked, not the address: from elsewhere too.
        assertRateLimited(login(m.memberNo(), "Demo@2026", freshAddress()), 240, 300);
        // The lock is a hash in Redis, shared by every replica: a second limiter (another instance) refuses too.
        String key = RateLimiter.key(RateLimiter.Action.LOGIN, RateLimiter.Scope.MEMBER, RateLimiter.member(m.id()));
        assertThat(redis.hget(key, "lock")).isNotNull();
        RateLimiter otherReplica = new RateLimiter(redisDataSource, config, clock);
        assertThatThrownBy(() -> otherReplica.acquire(RateLimiter.Action.LOGIN, RateLimiter.member(m.id()), null)
                .await().atMost(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("RATE_LIMITED");
                    assertThat(e.status()).isEqualTo(429);
                });

        TestClock.shift(Duration.ofMinutes(5).plusSeconds(1));
        login(m.memberNo(), "Demo@2026", address).then().statusCode(200);
    }

    @Test
    void successesDoNotCountTowardTheLockButDoTowardTheAttempts() {
        Member m = Fixtures.member().create();
        String address = freshAddress();
        login(m.memberNo(), "wrong", address).then().statusCode(401);
        login(m.memberNo(), "Demo@2026", address).then().statusCode(200);
        login(m.memberNo(), "Demo@2026", address).then().statusCode(200);
        // Two failures of three: no lock.
        login(m.memberNo(), "wrong", address).then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        // But a fifth attempt within the minute is one too many.
        assertRateLimited(login(m.memberNo(), "Demo@2026", address), 1, 60);
        TestClock.shift(Duration.ofSeconds(61));
        login(m.memberNo(), "Demo@2026", address).then().statusCode(200);
    }

    @Test
    void wrongPasswordsFromOneAddressLockItForEveryLoginAndTheAppsSignIn() {
        String address = freshAddress();
        for (int i = 0; i < 4; i++) {
            // Each an unknown login of its own: only the address has them all.
            login(nobody(), "wrong", address).then().statusCode(401);
        }
        Member m = Fixtures.member().create();
        assertRateLimited(login(m.memberNo(), "Demo@2026", address), 240, 300);
        assertRateLimited(given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("login", m.memberNo(), "password", "Demo@2026", "channel", "APP"))
                .post("/v1/auth/sign-in/sms-code"), 240, 300);
        assertRateLimited(given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("username", "ops", "password", "Ops@2026"))
                .post("/v1/auth/operator-token"), 240, 300);
        assertThat(redis.hget(RateLimiter.key(RateLimiter.Action.LOGIN, RateLimiter.Scope.ADDRESS, address), "lock"))
                .isNotNull();
        // Another address is not concerned.
        login(m.memberNo(), "Demo@2026", freshAddress()).then().statusCode(200);
    }

    @Test
    void theAppsSignInCountsItsWrongPasswordsAgainstTheAddress() {
        String address = freshAddress();
        for (int i = 0; i < 4; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                    .body(Map.of("login", nobody(), "password", "wrong", "channel", "APP"))
                    .post("/v1/auth/sign-in/sms-code").then().statusCode(401);
        }
        assertRateLimited(login(Fixtures.member().create().memberNo(), "Demo@2026", address), 240, 300);
    }

    @Test
    void tooManyLoginsFromOneAddressAre429UntilTheWindowEnds() {
        String address = freshAddress();
        Member a = Fixtures.member().create();
        Member b = Fixtures.member().create();
        for (int i = 0; i < 4; i++) {
            login(a.memberNo(), "Demo@2026", address).then().statusCode(200);
        }
        login(b.memberNo(), "Demo@2026", address).then().statusCode(200);
        login(b.memberNo(), "Demo@2026", address).then().statusCode(200);
        // b has had 2 of her 4: the seventh from the address is its own limit.
        assertRateLimited(login(b.memberNo(), "Demo@2026", address), 1, 60);
        login(b.memberNo(), "Demo@2026", freshAddress()).then().statusCode(200);
    }

    @Test
    void theStandardForwardedHeaderNamesTheClientToo() {
        String address = freshAddress();
        given().contentType(ContentType.JSON).header("Forwarded", "for=" + address)
                .body(Map.of("memberNo", nobody(), "password", "wrong", "channel", "APP"))
                .post("/v1/auth/token").then().statusCode(401);
        assertThat(redis.hget(RateLimiter.key(RateLimiter.Action.LOGIN, RateLimiter.Scope.ADDRESS, address), "f"))
                .isEqualTo("1");
    }

    @Test
    void faceVerificationsAreLimitedPerMember() {
        Member m = Fixtures.member().create();
        String address = freshAddress();
        for (int i = 0; i < 3; i++) {
            createFace(m, address).then().statusCode(201);
        }
        assertRateLimited(createFace(m, address), 540, 600);
        assertRateLimited(createFace(m, freshAddress()), 540, 600);
        TestClock.shift(Duration.ofMinutes(10).plusSeconds(1));
        createFace(m, address).then().statusCode(201);
    }

    @Test
    void faceVerificationsAreLimitedPerAddress() {
        String address = freshAddress();
        Member a = Fixtures.member().create();
        Member b = Fixtures.member().create();
        for (int i = 0; i < 3; i++) {
            createFace(a, address).then().statusCode(201);
        }
        createFace(b, address).then().statusCode(201);
        createFace(b, address).then().statusCode(201);
        assertRateLimited(createFace(Fixtures.member().create(), address), 540, 600);
        // Face sign-ins open face verifications too: the same address bound.
        assertRateLimited(given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("login", b.memberNo(), "channel", "APP")).post("/v1/auth/sign-in/face"), 540, 600);
        createFace(b, freshAddress()).then().statusCode(201);
    }

    @Test
    void failedFaceVerificationsLockTheMember() {
        Member m = Fixtures.member().create();
        Fixtures.failedFace(m.id(), "WITHDRAWAL");
        Fixtures.failedFace(m.id(), "PREPAYMENT");
        // Locked for 30 minutes: longer than the attempts' 10-minute window could ever ask.
        assertRateLimited(createFace(m, freshAddress()), 1700, 1800);
        TestClock.shift(Duration.ofMinutes(30).plusSeconds(1));
        createFace(m, freshAddress()).then().statusCode(201);
    }

    @Test
    void unknownCertificateCodesLockTheAddress() {
        String address = freshAddress();
        for (int i = 0; i < 3; i++) {
            verify(address).then().statusCode(404).body("code", equalTo("CERTIFICATE_NOT_FOUND"));
        }
        assertRateLimited(verify(address), 540, 600);
        verify(freshAddress()).then().statusCode(404);
        TestClock.shift(Duration.ofMinutes(10).plusSeconds(1));
        verify(address).then().statusCode(404);
    }

    @Test
    void tooManyCertificateChecksFromOneAddressAre429EvenForValidCodes() {
        Member m = Fixtures.member().withHistory().employer(5).create();
        String code = m.api().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"type\":\"DEPOSIT\"}").post("/v1/me/certificates")
                .then().statusCode(201).extract().path("verificationCode");
        String address = freshAddress();
        for (int i = 0; i < 5; i++) {
            verify(address, code).then().statusCode(200);
        }
        assertRateLimited(verify(address, code), 1, 60);
        verify(freshAddress(), code).then().statusCode(200);
    }

    /**
     * The audit and the limits read one address: from a trusted proxy, the forwarded client's, and the whole of it (a
     * limit counts an IPv6 client by its /64; the audit records the address itself).
     */
    @Test
    void theAuditRecordsTheForwardedClientOfATrustedProxy() {
        String v4 = freshAddress();
        assertThat(auditedAddress(r -> r.header("X-Forwarded-For", v4))).isEqualTo(v4);
        assertThat(auditedAddress(r -> r.header("X-Forwarded-For", "2001:db8:18:7::42")))
                .isEqualTo("2001:db8:18:7:0:0:0:42");
        // RFC 7239 brackets (and quotes) an IPv6 address, and Quarkus hands the brackets on: still the same client.
        assertThat(auditedAddress(r -> r.header("Forwarded", "for=\"[2001:db8:18:7::42]:4711\"")))
                .isEqualTo("2001:db8:18:7:0:0:0:42");
        given().contentType(ContentType.JSON).header("Forwarded", "for=\"[2001:db8:18:8::43]\"")
                .body(Map.of("memberNo", nobody(), "password", "wrong", "channel", "APP"))
                .post("/v1/auth/token").then().statusCode(401);
        assertThat(redis.keys("rl:{login:a:*")).anyMatch(k -> k.contains("20010db800180008::/64"))
                .noneMatch(k -> k.contains("unknown"));
    }

    /** The client address of the audit row an operator's resume of admissions appends (a change of nothing). */
    static String auditedAddress(UnaryOperator<RequestSpecification> headers) {
        long before = Db.queryLong("SELECT coalesce(max(id), 0) FROM audit_log");
        headers.apply(Api.asOperator()).post("/v1/ops/admissions/resume").then().statusCode(200);
        return Db.queryString("SELECT client_address FROM audit_log WHERE action = 'ADMISSIONS_RESUME' AND id > "
                + before);
    }

    private static void assertRateLimited(Response r, int minSeconds, int maxSeconds) {
        r.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"));
        assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(minSeconds, maxSeconds);
    }

    /** A client of its own (TEST-NET-3, then TEST-NET-2). */
    private static String freshAddress() {
        int n = NEXT_ADDRESS.incrementAndGet();
        return (n < 250 ? "203.0.113." : "198.51.100.") + (n % 250 + 1);
    }

    private static Response login(String memberNo, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("memberNo", memberNo, "password", password, "channel", "APP"))
                .post("/v1/auth/token");
    }

    private static Response createFace(Member m, String address) {
        return m.api().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("purpose", "WITHDRAWAL")).post("/v1/face-verifications");
    }

    private static Response verify(String address) {
        return verify(address, "AAAAAAAAAAAAAAAAAAAAAA");
    }

    private static Response verify(String address, String code) {
        return given().header("X-Forwarded-For", address).get("/v1/certificates/verify/" + code);
    }

    /** A member number nobody has (fixture members are 3399…). */
    static String nobody() {
        return "3398" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
