package cn.hpf.mobile.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.TestClock;
import cn.hpf.partner.client.PartnerClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The app's own sign-in through its routes, as in production: nothing here depends on the sandbox switch but the
 * SMS gateway that records the codes and the face provider's sandbox completion. Time is moved with the test clock.
 */
@QuarkusTest
class SignInTest {

    @Inject
    SignInRepository repository;

    @Inject
    PasswordChecks passwordChecks;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void theSmsCodeSignsInOnceAndTheTokenReadsTheMembersOwnAccount() {
        Member m = Fixtures.member(123_400);
        String challenge = sendCode(m.memberNo(), Api.PASSWORD, "MINI_PROGRAM")
                .then().statusCode(201)
                .body("expiresIn", equalTo(300))
                .body("phone", equalTo(m.mobile().substring(0, 3) + "****" + m.mobile().substring(7)))
                .extract().path("challengeId");
        String code = lastCode(m.mobile());

        // A wrong code first: refused, and the right one still works after it.
        signIn(challenge, wrong(code)).then().statusCode(401).body("code", equalTo("SMS_CODE_WRONG"));
        String token = signIn(challenge, code).then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).extract().path("accessToken");
        given().auth().oauth2(token).get("/v1/me/account").then().statusCode(200)
                .body("memberId", equalTo((int) m.id())).body("balanceFen", equalTo(123_400));
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims).contains("\"channel\":\"MINI_PROGRAM\"");

        // Single use.
        signIn(challenge, code).then().statusCode(401).body("code", equalTo("SMS_CODE_USED"));
        // Stored as a keyed hash only.
        assertThat(Db.queryString("SELECT encode(code_hash, 'hex') FROM sign_in_challenge WHERE id = '" + challenge
                + "'")).hasSize(64).doesNotContain(code);
    }

    @Test
    void racingRightCodesSignInOnce() throws Exception {
        Member m = Fixtures.member(0);
        String challenge = sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(201)
                .extract().path("challengeId");
        String code = lastCode(m.mobile());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.Callable<Integer> attempt = () -> signIn(challenge, code).statusCode();
            var answers = pool.invokeAll(java.util.Collections.nCopies(4, attempt));
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var a : answers) {
                statuses.add(a.get());
            }
            assertThat(statuses).containsOnly(200, 401).filteredOn(st -> st == 200).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theIdNumberIsALoginToo() {
        Member m = Fixtures.member(0);
        String challenge = sendCode(m.idNumber(), Api.PASSWORD, "APP").then().statusCode(201)
                .extract().path("challengeId");
        signIn(challenge, lastCode(m.mobile())).then().statusCode(200).body("accessToken", notNullValue());
    }

    @Test
    void anExpiredCodeIsRefused() {
        Member m = Fixtures.member(0);
        String challenge = sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(201)
                .extract().path("challengeId");
        String code = lastCode(m.mobile());
        TestClock.shift(Duration.ofMinutes(5).plusSeconds(1));
        signIn(challenge, code).then().statusCode(401).body("code", equalTo("SMS_CODE_EXPIRED"));
        signIn(UUID.randomUUID().toString(), code).then().statusCode(401).body("code", equalTo("SMS_CODE_EXPIRED"));
    }

    @Test
    void fiveWrongCodesKillTheChallengeAndLockTheMemberWhateverThePassword() {
        Member m = Fixtures.member(0);
        String challenge = sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(201)
                .extract().path("challengeId");
        String code = lastCode(m.mobile());
        for (int i = 1; i <= 4; i++) {
            signIn(challenge, wrong(code)).then().statusCode(401).body("code", equalTo("SMS_CODE_WRONG"));
        }
        Response locking = signIn(challenge, wrong(code));
        locking.then().statusCode(429).body("code", equalTo("SIGN_IN_LOCKED"));
        assertThat(Integer.parseInt(locking.header("Retry-After"))).isBetween(890, 900);
        assertThat(Db.queryString("SELECT status FROM sign_in_challenge WHERE id = '" + challenge + "'"))
                .isEqualTo("DEAD");

        // Locked: the right code and the right password get the lock answer, as a wrong password does.
        signIn(challenge, code).then().statusCode(429).body("code", equalTo("SIGN_IN_LOCKED"));
        Response rightPassword = sendCode(m.memberNo(), Api.PASSWORD, "APP");
        rightPassword.then().statusCode(429).body("code", equalTo("SIGN_IN_LOCKED"));
        assertThat(rightPassword.header("Retry-After")).isNotNull();
        sendCode(m.memberNo(), "wrong", "APP").then().statusCode(429).body("code", equalTo("SIGN_IN_LOCKED"));
        // The face sign-in is not locked by wrong codes: it proves who she is without them.
        startFace(m.memberNo()).then().statusCode(201);

        // After the lock the challenge stays dead; a new code signs in.
        TestClock.shift(Duration.ofMinutes(15).plusSeconds(1));
        signIn(challenge, code).then().statusCode(401).body("code", equalTo("SMS_CODE_TOO_MANY_TRIES"));
        String fresh = sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(201)
                .extract().path("challengeId");
        signIn(fresh, lastCode(m.mobile())).then().statusCode(200);
    }

    @Test
    void wrongPasswordsLockAndAnUnknownLoginBehavesTheSame() {
        Member m = Fixtures.member(0);
        String unknown = "3398" + (100_000_000 + (System.nanoTime() % 100_000_000));
        for (String login : new String[] {m.memberNo(), unknown}) {
            for (int i = 1; i <= 4; i++) {
                Response r = sendCode(login, "wrong-" + i, "APP");
                r.then().statusCode(401).contentType("application/problem+json")
                        .body("code", equalTo("INVALID_CREDENTIALS"))
                        .body("detail", equalTo("Login or password is wrong."));
            }
            Response locking = sendCode(login, "wrong-5", "APP");
            locking.then().statusCode(429).body("code", equalTo("SIGN_IN_LOCKED"));
            assertThat(Integer.parseInt(locking.header("Retry-After"))).isBetween(890, 900);
        }
        sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(429).body("code", equalTo("SIGN_IN_LOCKED"));
        // Nothing was sent while locked.
        assertThat(Db.queryLong("SELECT count(*) FROM sandbox_sms_message WHERE mobile = '" + m.mobile() + "'"))
                .isZero();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        Member m = Fixtures.member(0);
        for (int i = 1; i <= 4; i++) {
            sendCode(m.memberNo(), "wrong", "APP").then().statusCode(401);
        }
        TestClock.shift(Duration.ofMinutes(15).plusSeconds(1));
        sendCode(m.memberNo(), "wrong", "APP").then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(201);
    }

    @Test
    void codesAreSentAtMostOncePerMinuteAndFiveTimesAnHour() {
        Member m = Fixtures.member(0);
        sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(201);
        Response tooSoon = sendCode(m.memberNo(), Api.PASSWORD, "APP");
        tooSoon.then().statusCode(429).body("code", equalTo("SIGN_IN_RATE_LIMITED"));
        assertThat(Integer.parseInt(tooSoon.header("Retry-After"))).isBetween(55, 60);
        for (int sent = 2; sent <= 5; sent++) {
            TestClock.shift(Duration.ofSeconds(61));
            sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(201);
        }
        TestClock.shift(Duration.ofSeconds(61));
        Response sixth = sendCode(m.memberNo(), Api.PASSWORD, "APP");
        sixth.then().statusCode(429).body("code", equalTo("SIGN_IN_RATE_LIMITED"));
        assertThat(Integer.parseInt(sixth.header("Retry-After"))).isBetween(3600 - 5 * 61 - 5, 3600 - 5 * 61);
        assertThat(Db.queryLong("SELECT count(*) FROM sandbox_sms_message WHERE mobile = '" + m.mobile() + "'"))
                .isEqualTo(5);
        TestClock.shift(Duration.ofSeconds(3600 - 5 * 61));
        sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(201);
    }

    @Test
    void aMemberWithoutAMobileNumberIsToldSo() {
        Member m = Fixtures.member().withoutMobile().create();
        sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(422).body("code", equalTo("NO_MOBILE_ON_FILE"));
    }

    @Test
    void malformedRequestsAre400() {
        sendCode("330100000002", Api.PASSWORD, "PARTNER").then().statusCode(400).body("field", equalTo("channel"));
        signIn("not-a-uuid-not-a-uuid-not-a-uuid-xyz", "123456").then().statusCode(400);
        signIn(UUID.randomUUID().toString(), "12345").then().statusCode(400);
    }

    @Test
    void faceSignInWorksOnceAndOnlyOnce() {
        Member m = Fixtures.member(55_500);
        Response started = startFace(m.memberNo());
        started.then().statusCode(201).body("expiresIn", equalTo(600));
        String verification = started.path("verificationId");
        String certifyUrl = started.path("certifyUrl");

        completeFace(verification).then().statusCode(409).body("code", equalTo("FACE_SIGN_IN_PENDING"));
        // The member's liveness check at the provider (the sandbox session the certifyUrl names).
        given().contentType(ContentType.JSON).body(Map.of("outcome", "PASS"))
                .post("/sandbox/face-provider/sessions/" + certifyUrl.substring(certifyUrl.lastIndexOf('/') + 1)
                        + "/complete")
                .then().statusCode(200).body("status", equalTo("PASSED")).body("purpose", equalTo("SIGN_IN"));

        String token = completeFace(verification).then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).get("/v1/me/account").then().statusCode(200)
                .body("memberId", equalTo((int) m.id())).body("balanceFen", equalTo(55_500));
        completeFace(verification).then().statusCode(401).body("code", equalTo("FACE_SIGN_IN_USED"));
        assertThat(Fixtures.faceStatus(UUID.fromString(verification))).isEqualTo("CONSUMED");

        // Starting again at once is rate limited like the codes.
        startFace(m.memberNo()).then().statusCode(429).body("code", equalTo("SIGN_IN_RATE_LIMITED"));
    }

    @Test
    void aFailedFaceCheckDoesNotSignIn() {
        Member m = Fixtures.member(0);
        Response started = startFace(m.idNumber());
        started.then().statusCode(201);
        String certifyUrl = started.path("certifyUrl");
        given().contentType(ContentType.JSON).body(Map.of("outcome", "FAIL"))
                .post("/sandbox/face-provider/sessions/" + certifyUrl.substring(certifyUrl.lastIndexOf('/') + 1)
                        + "/complete")
                .then().statusCode(200).body("status", equalTo("FAILED"));
        completeFace(started.path("verificationId")).then().statusCode(401)
                .body("code", equalTo("FACE_SIGN_IN_FAILED"));
        startFace("339700000000").then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
    }

    @Test
    void aWithdrawalVerificationCannotSignInNorCanSignInBeAskedWithAToken() {
        Member m = Fixtures.member(0);
        UUID withdrawalFace = Fixtures.face(m);
        completeFace(withdrawalFace.toString()).then().statusCode(401).body("code", equalTo("FACE_SIGN_IN_INVALID"));
        assertThat(Fixtures.faceStatus(withdrawalFace)).isEqualTo("PASSED");
        completeFace(UUID.randomUUID().toString()).then().statusCode(401)
                .body("code", equalTo("FACE_SIGN_IN_INVALID"));

        // A signed-in member cannot open a SIGN_IN verification herself.
        m.api().contentType(ContentType.JSON).body(Map.of("purpose", "SIGN_IN"))
                .post("/v1/face-verifications").then().statusCode(400).body("field", equalTo("purpose"));
        // Nor can a partner for her.
        Fixtures.Partner partner = Fixtures.partner();
        PartnerClient.Reply byPartner = partner.client().post("/partner/v1/face-verifications",
                Map.of("purpose", "SIGN_IN", "certifyId", "PASS-" + UUID.randomUUID()),
                partner.token(m, "withdrawal"));
        assertThat(byPartner.status()).as(byPartner.text()).isEqualTo(400);
        assertThat(byPartner.json().path("field").asText()).isEqualTo("purpose");
        // The token-less sandbox completion plays sign-in sessions only.
        String providerRef = Db.queryString("SELECT provider_ref FROM face_verification WHERE id = '"
                + Fixtures.pendingFace(m.id(), "WITHDRAWAL") + "'");
        given().contentType(ContentType.JSON).body(Map.of("outcome", "PASS"))
                .post("/sandbox/face-provider/sessions/" + providerRef + "/complete")
                .then().statusCode(404).body("code", equalTo("FACE_VERIFICATION_NOT_FOUND"));
    }

    @Test
    void aLockedMemberWithoutAMobileNumberIsNotToldThatHerPasswordIsRight() throws Exception {
        Member m = Fixtures.member().withoutMobile().create();
        for (int i = 1; i <= 5; i++) {
            sendCode(m.memberNo(), "wrong-" + i, "APP").then().statusCode(i < 5 ? 401 : 429);
        }
        sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(429).body("code", equalTo("SIGN_IN_LOCKED"));

        // The lock falls while her right password is being checked (parallel guesses locking her meanwhile).
        Member n = Fixtures.member().withoutMobile().create();
        try (Connection db = Db.connect()) {
            CompletableFuture<Response> right = CompletableFuture.supplyAsync(
                    () -> sendCode(n.memberNo(), Api.PASSWORD, "APP"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> passwordChecks.inFlight() > 0);
            db.createStatement().execute("INSERT INTO sign_in_guard (guard_key, locked_until, updated_at) VALUES "
                    + "('member:" + n.id() + "', now() + interval '15 minutes', now())");
            right.get().then().statusCode(429).body("code", equalTo("SIGN_IN_LOCKED"));
        }
    }

    @Test
    void wrongPasswordsLockTheSmsPathButNotTheFaceSignIn() {
        Member m = Fixtures.member(7_700);
        for (int i = 1; i <= 5; i++) {
            sendCode(m.memberNo(), "wrong-" + i, "APP").then().statusCode(i < 5 ? 401 : 429);
        }
        sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(429).body("code", equalTo("SIGN_IN_LOCKED"));

        Response started = startFace(m.memberNo());
        started.then().statusCode(201);
        String certifyUrl = started.path("certifyUrl");
        given().contentType(ContentType.JSON).body(Map.of("outcome", "PASS"))
                .post("/sandbox/face-provider/sessions/" + certifyUrl.substring(certifyUrl.lastIndexOf('/') + 1)
                        + "/complete")
                .then().statusCode(200);
        String token = completeFace(started.path("verificationId")).then().statusCode(200)
                .extract().path("accessToken");
        given().auth().oauth2(token).get("/v1/me/account").then().statusCode(200)
                .body("memberId", equalTo((int) m.id()));
        // Her own face start limit still holds.
        startFace(m.memberNo()).then().statusCode(429).body("code", equalTo("SIGN_IN_RATE_LIMITED"));
    }

    @Test
    void aStartAtTheVeryInstantOfTheLastOneIsRefused() {
        Member m = Fixtures.member(0);
        String key = SignInService.memberKey(m.id());
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        Duration interval = Duration.ofSeconds(60);
        assertThat(repository.recordFaceStart(key, now, interval, 5).await().indefinitely().allowed()).isTrue();
        assertThat(repository.recordFaceStart(key, now, interval, 5).await().indefinitely().allowed()).isFalse();

        byte[] hash = new byte[32];
        assertThat(repository.openChallenge(key, UUID.randomUUID(), m.id(), "APP", hash, now, now.plusMinutes(5),
                interval, 5).await().indefinitely().allowed()).isTrue();
        assertThat(repository.openChallenge(key, UUID.randomUUID(), m.id(), "APP", hash, now, now.plusMinutes(5),
                interval, 5).await().indefinitely().allowed()).isFalse();
        assertThat(Db.queryLong("SELECT count(*) FROM sign_in_challenge WHERE member_id = " + m.id())).isEqualTo(1);
    }

    @Test
    void passwordChecksBeyondTheBoundAreShedWith503() {
        Member m = Fixtures.member(0);
        int taken = 0;
        try {
            while (passwordChecks.tryAcquire()) {
                taken++;
            }
            Response busy = sendCode(m.memberNo(), Api.PASSWORD, "APP");
            busy.then().statusCode(503).body("code", equalTo("SERVICE_BUSY"));
            assertThat(busy.header("Retry-After")).isNotNull();
        } finally {
            for (int i = 0; i < taken; i++) {
                passwordChecks.release();
            }
        }
        sendCode(m.memberNo(), Api.PASSWORD, "APP").then().statusCode(201);
    }

    private static Response sendCode(String login, String password, String channel) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("login", login, "password", password, "channel", channel))
                .post("/v1/auth/sign-in/sms-code");
    }

    private static Response signIn(String challengeId, String code) {
        return given().contentType(ContentType.JSON).body(Map.of("challengeId", challengeId, "code", code))
                .post("/v1/auth/sign-in");
    }

    private static Response startFace(String login) {
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "channel", "APP"))
                .post("/v1/auth/sign-in/face");
    }

    private static Response completeFace(String verificationId) {
        return given().contentType(ContentType.JSON).body(Map.of("verificationId", verificationId))
                .post("/v1/auth/sign-in/face/complete");
    }

    /** The code of the last SMS to the number, read from the sandbox gateway. */
    private static String lastCode(String mobile) {
        return given().queryParam("mobile", mobile).get("/sandbox/sms/messages")
                .then().statusCode(200).extract().path("messages[0].code");
    }

    private static String wrong(String code) {
        return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
    }
}
