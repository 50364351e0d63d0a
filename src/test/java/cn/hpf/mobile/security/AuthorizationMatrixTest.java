package cn.hpf.mobile.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.Fixtures.Partner;
import cn.hpf.mobile.support.ServedOperations;
import cn.hpf.partner.client.PartnerClient;
import cn.hpf.partner.client.Pem;
import cn.hpf.partner.client.Pkce;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the served OpenAPI document (the mobile API and the partner API, /q/openapi serves both) against
 * every kind of caller, each expectation written down below: an operation the table does not know fails the test,
 * so a new route cannot go unchecked. Path parameters name member A's own resources, made through the real write
 * paths, so that B (or a partner acting for B) asking for them must be refused; money and consent state of A is
 * compared before and after the callers who are not A, and no answer to them may carry A's identifiers.
 *
 * <p>Callers, in the order of each expectation: anonymous, member A, member B, a partner whose token for A lacks
 * the operation's scope (or, for the calculator, an app not allowed it), a partner acting for A with every scope, the
 * same partner acting for B, an operator. Partner callers send what partners send everywhere: a signed
 * {@code Authorization} and the {@code Hpf-Member-Token}.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    enum Caller { ANONYMOUS, MEMBER_A, MEMBER_B, PARTNER_NO_SCOPE, PARTNER_A, PARTNER_B, OPERATOR }

    /** The callers who act for A (their answers may carry A's data and change her state). */
    private static final Set<Caller> FOR_A = Set.of(Caller.MEMBER_A, Caller.PARTNER_A);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL_SCOPES = List.of("account", "statements", "withdrawal", "loans", "calculator");

    /** One request of the matrix: its target and body, made once and sent by every caller. */
    record Request(String target, byte[] body) {
    }

    /**
     * An operation's expectation: the status per caller (order of {@link Caller}), the scope a partner needs (for
     * the partner without it), whether its answers to others may show A's data by design, and its request.
     */
    record Op(String expected, String scope, boolean sharedByDesign, boolean freshPerCaller,
              Supplier<Request> request) {
    }

    private Member a;
    private Member b;
    private final Map<String, Object> ctx = new LinkedHashMap<>();
    private final Map<String, Http.PartnerCredentials> noScope = new LinkedHashMap<>();
    private Http.PartnerCredentials partnerA;
    private Http.PartnerCredentials partnerB;
    private String operatorToken;

    @AfterEach
    void switchesBackOn() {
        // An operator's pause in the matrix must not outlive it, whatever failed in between.
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("reason", "authorization matrix done"))
                .post("/v1/ops/admissions/resume");
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("reason", "authorization matrix done"))
                .post("/v1/ops/payouts/resume");
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheTableSays() throws Exception {
        Map<String, Op> table = table();
        Set<String> served = ServedOperations.keys();
        assertThat(new TreeSet<>(table.keySet())).as("operations the table knows but the API does not serve")
                .isSubsetOf(served);
        List<String> missing = served.stream().filter(k -> !table.containsKey(k)).toList();
        assertThat(missing).as("served operations without an expectation in the authorization matrix").isEmpty();

        long started = System.nanoTime();
        setUp();
        System.out.printf("matrix  set up in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        List<String> failures = new ArrayList<>();
        for (String key : served) {
            Op op = table.get(key);
            String method = key.substring(0, key.indexOf(' '));
            List<Set<Integer>> expected = parse(op.expected());
            Request shared = op.freshPerCaller() ? null : op.request().get();
            Map<Caller, Integer> seen = new EnumMap<>(Caller.class);
            long opStarted = System.nanoTime();
            String before = stateOfA();
            // Everybody but A's own callers first: A's state must not have moved when they are done.
            List<Caller> order = new ArrayList<>();
            for (Caller c : Caller.values()) {
                if (!FOR_A.contains(c)) {
                    order.add(c);
                }
            }
            order.addAll(List.of(Caller.MEMBER_A, Caller.PARTNER_A));
            for (Caller c : order) {
                if (c == Caller.MEMBER_A) {
                    String after = stateOfA();
                    if (!after.equals(before)) {
                        failures.add(key + ": member A's state changed by other callers\n  before " + before
                                + "\n  after  " + after);
                    }
                }
                Request r = shared != null ? shared : op.request().get();
                Http.Answer answer = Http.send(method, r.target(), r.body(), credentials(c, op));
                seen.put(c, answer.status());
                if (!expected.get(c.ordinal()).contains(answer.status())) {
                    failures.add(key + " as " + c + ": expected " + expected.get(c.ordinal()) + ", got "
                            + answer.status() + " " + abbreviate(answer.body()));
                }
                if (!FOR_A.contains(c) && c != Caller.OPERATOR && !op.sharedByDesign()) {
                    // A problem repeats the path and the ids the caller sent ("instance", "No withdrawal <id>."):
                    // that discloses nothing.
                    String told = answer.body().replace(r.target().split("\\?")[0], "");
                    for (String segment : r.target().split("\\?")[0].split("/")) {
                        told = told.replace(segment, "");
                    }
                    for (String marker : markersOfA()) {
                        if (told.contains(marker)) {
                            failures.add(key + " as " + c + ": the answer carries A's " + marker);
                        }
                    }
                }
                if (answer.status() >= 400 && !answer.stream() && !answer.body().isEmpty()
                        && !"application/problem+json".equals(baseType(answer.contentType()))) {
                    failures.add(key + " as " + c + ": " + answer.status() + " not problem+json but "
                            + answer.contentType());
                }
            }
            settled();
            if (key.equals("POST /v1/auth/logout")) {
                operatorToken = operatorLogin();
            }
            System.out.printf("matrix  %-62s %s  (%d ms)%n", "\"" + key + "\"", row(seen),
                    (System.nanoTime() - opStarted) / 1_000_000);
        }
        assertThat(failures).as("authorization matrix").isEmpty();

        // B's request for A's account at another centre came back refused by that centre; B got nothing.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Db.queryString(
                "SELECT string_agg(status || ':' || coalesce(reason_code, '-'), ',') FROM transfer_in WHERE member_id = "
                        + b.id()), s -> s != null && !s.contains("REQUESTED") && !s.contains("CONFIRMED"));
        assertThat(Db.queryString("SELECT string_agg(status || ':' || coalesce(reason_code, '-'), ',') "
                + "FROM transfer_in WHERE member_id = " + b.id())).isEqualTo("REJECTED:IDENTITY_MISMATCH");
    }

    /**
     * The expectations, one row per operation: statuses for anonymous, A, B, partner without the scope, partner
     * for A, partner for B, operator.
     */
    private Map<String, Op> table() {
        Map<String, Op> t = new LinkedHashMap<>();
        // --- sandbox adapters (served in the sandbox and test profiles only) ---
        t.put("POST /sandbox/bank/payouts/{withdrawalId}/return", ops("401 403 403 401 401 401 404",
                () -> post("/sandbox/bank/payouts/" + UUID.randomUUID() + "/return", Map.of("reason", "R01"))));
        t.put("GET /sandbox/bank/silence", ops("401 403 403 401 401 401 200", () -> get("/sandbox/bank/silence")));
        t.put("PUT /sandbox/bank/silence", ops("401 403 403 401 401 401 200",
                () -> new Request("/sandbox/bank/silence", json(Map.of("silent", false)))));
        t.put("POST /sandbox/bank/statements", ops("401 403 403 401 401 401 200",
                () -> post("/sandbox/bank/statements?date=" + opsDay(), null)));
        t.put("POST /sandbox/face-provider/sessions/{providerRef}/complete", pub("404 404 404 404 404 404 404",
                () -> post("/sandbox/face-provider/sessions/nobody-" + UUID.randomUUID() + "/complete",
                        Map.of("outcome", "PASS"))));
        t.put("POST /sandbox/face-provider/verifications/{id}/complete", member("401 200 404 401 401 401 403",
                () -> post("/sandbox/face-provider/verifications/" + ctx.get("pendingFaceA") + "/complete",
                        Map.of("outcome", "PASS"))));
        // The sandbox's stand-in for a partner's receiver: it acknowledges whatever comes, as partners do.
        t.put("POST /sandbox/partner-notifications", pub("200 200 200 200 200 200 200",
                () -> post("/sandbox/partner-notifications", Map.of("eventId", UUID.randomUUID().toString()))));
        t.put("GET /sandbox/partner-notifications", pub("200 200 200 200 200 200 200",
                () -> get("/sandbox/partner-notifications")));
        t.put("GET /sandbox/sms/messages", pub("200 200 200 200 200 200 200",
                () -> get("/sandbox/sms/messages?mobile=13800000000")));
        t.put("POST /sandbox/transfer-platform/origin-accounts", ops("401 403 403 401 401 401 200",
                () -> post("/sandbox/transfer-platform/origin-accounts", Map.of("centreCode", "310000",
                        "accountNo", "SH-" + UUID.randomUUID().toString().substring(0, 8), "idNumber",
                        "310101199001010000", "name", "无名 Nobody", "balanceFen", 1000))));
        // The platform takes any request; the centre refuses an account it does not know later.
        t.put("POST /sandbox/transfer-platform/transfers-out", ops("401 403 403 401 401 401 201",
                () -> post("/sandbox/transfer-platform/transfers-out", Map.of("accountNo", "339999999999",
                        "idNumber", "330100199001019999", "destinationCentreCode", "310000"))));
        t.put("GET /sandbox/transfer-platform/transfers/{transferId}", ops("401 403 403 401 401 401 200",
                () -> get("/sandbox/transfer-platform/transfers/" + ctx.get("platformTransferOutA"))));

        // --- appointments ---
        // A has booked this service already (setUp): refused as hers, so past the door.
        t.put("POST /v1/appointments", member("401 409 201 401 401 401 403",
                () -> post("/v1/appointments", Map.of("outletId", ctx.get("outlet"), "service", ctx.get("service"),
                        "slotStart", ctx.get("slot2")))));
        t.put("GET /v1/appointments/slots", pub("200 200 200 200 200 200 200",
                () -> get("/v1/appointments/slots?outletId=" + ctx.get("outlet") + "&service=" + ctx.get("service")
                        + "&date=" + ctx.get("day"))));
        t.put("DELETE /v1/appointments/{id}", member("401 200 404 401 401 401 403",
                () -> new Request("/v1/appointments/" + ctx.get("appointmentA"), null)));
        t.put("GET /v1/appointments/{id}/calendar.ics", member("401 200 404 401 401 401 403",
                () -> get("/v1/appointments/" + ctx.get("appointmentA") + "/calendar.ics")));

        // --- authentication: public doors, each refusing a wrong credential alike for everybody ---
        t.put("GET /v1/auth/jwks", pub("200 200 200 200 200 200 200", () -> get("/v1/auth/jwks")));
        t.put("POST /v1/auth/logout", member("401 204 204 401 401 401 204", () -> post("/v1/auth/logout", Map.of())));
        t.put("POST /v1/auth/operator-token", pub("401 401 401 401 401 401 401",
                () -> post("/v1/auth/operator-token", Map.of("username", "ops", "password", "wrong-password"))));
        t.put("POST /v1/auth/refresh", pub("401 401 401 401 401 401 401",
                () -> post("/v1/auth/refresh", Map.of("refreshToken", "not-a-refresh-token"))));
        t.put("POST /v1/auth/sign-in", pub("401 401 401 401 401 401 401",
                () -> post("/v1/auth/sign-in", Map.of("challengeId", UUID.randomUUID().toString(), "code", "000000"))));
        t.put("GET /v1/auth/sign-in-options", pub("200 200 200 200 200 200 200", () -> get("/v1/auth/sign-in-options")));
        // Sign-in doors are rate limited per client address too: after the first refusal, 429 is as good a no.
        t.put("POST /v1/auth/sign-in/face", new Op("401 401|429 401|429 401|429 401|429 401|429 401|429", null,
                false, true, () -> post("/v1/auth/sign-in/face", Map.of("login", nobody(), "channel", "APP"))));
        t.put("POST /v1/auth/sign-in/face/complete", pub("401 401 401 401 401 401 401",
                () -> post("/v1/auth/sign-in/face/complete", Map.of("verificationId", UUID.randomUUID().toString()))));
        t.put("POST /v1/auth/sign-in/sms-code", new Op("401 401|429 401|429 401|429 401|429 401|429 401|429", null,
                false, true, () -> post("/v1/auth/sign-in/sms-code", Map.of("login", nobody(), "password", "wrong",
                        "channel", "APP"))));
        t.put("POST /v1/auth/token", pub("401 401 401 401 401 401 401",
                () -> post("/v1/auth/token", Map.of("memberNo", "339999999996", "password", "wrong", "channel", "APP"))));

        // --- public information ---
        t.put("GET /v1/banks", pub("200 200 200 200 200 200 200", () -> get("/v1/banks")));
        t.put("GET /v1/calculator/loan-quota", pub("200 200 200 200 200 200 200",
                () -> get("/v1/calculator/loan-quota?balanceFen=10000000&depositBaseFen=1000000"
                        + "&housePriceFen=300000000&termMonths=360")));
        t.put("GET /v1/calculator/monthly-payment", pub("200 200 200 200 200 200 200",
                () -> get("/v1/calculator/monthly-payment?principalFen=100000000&annualRate=0.031&termMonths=360"
                        + "&method=EQUAL_INSTALMENT")));
        t.put("GET /v1/calculator/rates", pub("200 200 200 200 200 200 200", () -> get("/v1/calculator/rates")));
        t.put("POST /v1/callbacks/face-provider", pub("401 401 401 401 401 401 401",
                () -> post("/v1/callbacks/face-provider", Map.of("providerRef", "nobody"))));
        t.put("POST /v1/callbacks/transfer-platform", pub("401 401 401 401 401 401 401",
                () -> post("/v1/callbacks/transfer-platform", Map.of("type", "TRANSFER_OUT_CONFIRMED",
                        "transferId", ctx.get("platformTransferOutA")))));
        // Whoever holds a certificate's code may check it: that is what the code is for.
        t.put("GET /v1/certificates/verify/{code}", new Op("200 200 200 200 200 200 200", null, true, false,
                () -> get("/v1/certificates/verify/" + ctx.get("certificateCodeA"))));
        t.put("GET /v1/channels/{appId}", pub("200 200 200 200 200 200 200",
                () -> get("/v1/channels/" + partnerA.appId())));

        // --- the member's own data ---
        t.put("POST /v1/face-verifications", member("401 201 201 401 401 401 403",
                () -> post("/v1/face-verifications", Map.of("purpose", "WITHDRAWAL"))));
        t.put("GET /v1/face-verifications/{id}", member("401 200 404 401 401 401 403",
                () -> get("/v1/face-verifications/" + ctx.get("faceA"))));
        t.put("GET /v1/guide/services", pub("200 200 200 200 200 200 200", () -> get("/v1/guide/services")));
        t.put("GET /v1/guide/withdrawal-categories", pub("200 200 200 200 200 200 200",
                () -> get("/v1/guide/withdrawal-categories")));
        t.put("GET /v1/me/account", member("401 200 200 401 401 401 403", () -> get("/v1/me/account")));
        t.put("GET /v1/me/appointments", member("401 200 200 401 401 401 403", () -> get("/v1/me/appointments")));
        t.put("GET /v1/me/bank-cards", member("401 200 200 401 401 401 403", () -> get("/v1/me/bank-cards")));
        t.put("POST /v1/me/certificates", member("401 201 201 401 401 401 403",
                () -> post("/v1/me/certificates", Map.of("type", "DEPOSIT"))));
        t.put("GET /v1/me/certificates/{id}/pdf", member("401 200 404 401 401 401 403",
                () -> get("/v1/me/certificates/" + ctx.get("certificateA") + "/pdf")));
        t.put("GET /v1/me/channel-authorizations", member("401 200 200 401 401 401 403",
                () -> get("/v1/me/channel-authorizations")));
        t.put("POST /v1/me/channel-authorizations", member("401 201 201 401 401 401 403", () -> {
            String verifier = Pkce.newVerifier();
            return post("/v1/me/channel-authorizations", Map.of("appId", ctx.get("consentApp"),
                    "scopes", List.of("account"), "redirectUri", Fixtures.PARTNER_REDIRECT, "state", "s",
                    "codeChallenge", Pkce.challenge(verifier), "codeChallengeMethod", "S256"));
        }));
        t.put("DELETE /v1/me/channel-authorizations/{appId}", member("401 204 404 401 401 401 403",
                () -> new Request("/v1/me/channel-authorizations/" + ctx.get("revokeApp"), null)));
        t.put("GET /v1/me/guide/withdrawal-categories", member("401 200 200 401 401 401 403",
                () -> get("/v1/me/guide/withdrawal-categories")));
        t.put("GET /v1/me/loans", member("401 200 200 401 401 401 403", () -> get("/v1/me/loans")));
        t.put("GET /v1/me/loans/{id}", member("401 200 404 401 401 401 403",
                () -> get("/v1/me/loans/" + ctx.get("loanA"))));
        t.put("PUT /v1/me/loans/{id}/auto-transfer", member("401 200 404 401 401 401 403",
                () -> new Request("/v1/me/loans/" + ctx.get("loanA") + "/auto-transfer",
                        json(Map.of("enabled", true)))));
        t.put("POST /v1/me/loans/{id}/prepayment-quotes", member("401 201 404 401 401 401 403",
                () -> post("/v1/me/loans/" + ctx.get("loanA") + "/prepayment-quotes",
                        Map.of("amountFen", 100_000, "mode", "REDUCE_PAYMENT"))));
        t.put("POST /v1/me/loans/{id}/prepayments", member("401 201 404 401 401 401 403",
                () -> post("/v1/me/loans/" + ctx.get("loanA") + "/prepayments", Map.of("quoteId",
                        ctx.get("quoteA"), "source", "HPF_BALANCE", "faceVerificationId", ctx.get("prepaymentFaceA")))));
        t.put("GET /v1/me/loans/{id}/schedule", member("401 200 404 401 401 401 403",
                () -> get("/v1/me/loans/" + ctx.get("loanA") + "/schedule")));
        t.put("GET /v1/me/statements", member("401 200 200 401 401 401 403", () -> get("/v1/me/statements")));
        t.put("GET /v1/me/transfers-in", member("401 200 200 401 401 401 403", () -> get("/v1/me/transfers-in")));
        // B may ask for A's account at another centre: that centre refuses (IDENTITY_MISMATCH, checked below).
        t.put("POST /v1/me/transfers-in", member("401 201 201 401 401 401 403",
                () -> post("/v1/me/transfers-in", Map.of("originCentreCode", ctx.get("originCentre"),
                        "originAccountNo", ctx.get("originAccountA")))));
        t.put("GET /v1/me/transfers-in/{id}", member("401 200 404 401 401 401 403",
                () -> get("/v1/me/transfers-in/" + ctx.get("transferInA"))));
        t.put("GET /v1/me/transfers-in/{id}/events", member("401 200 404 401 401 401 403",
                () -> get("/v1/me/transfers-in/" + ctx.get("transferInA") + "/events")));
        t.put("GET /v1/me/transfers-out", member("401 200 200 401 401 401 403", () -> get("/v1/me/transfers-out")));
        t.put("GET /v1/me/transfers-out/{id}", member("401 200 404 401 401 401 403",
                () -> get("/v1/me/transfers-out/" + ctx.get("transferOutA"))));
        t.put("GET /v1/me/transfers-out/{id}/events", member("401 200 404 401 401 401 403",
                () -> get("/v1/me/transfers-out/" + ctx.get("transferOutA") + "/events")));
        t.put("GET /v1/me/withdrawals", member("401 200 200 401 401 401 403", () -> get("/v1/me/withdrawals")));

        // --- operators ---
        t.put("POST /v1/ops/admissions/pause", ops("401 403 403 401 401 401 200",
                () -> post("/v1/ops/admissions/pause", Map.of("reason", "authorization matrix"))));
        t.put("POST /v1/ops/admissions/resume", ops("401 403 403 401 401 401 200",
                () -> post("/v1/ops/admissions/resume", Map.of("reason", "authorization matrix"))));
        t.put("GET /v1/ops/audit", ops("401 403 403 401 401 401 200", () -> get("/v1/ops/audit?limit=5")));
        t.put("GET /v1/ops/audit/verify", ops("401 403 403 401 401 401 200", () -> get("/v1/ops/audit/verify")));
        t.put("POST /v1/ops/channels", ops("401 403 403 401 401 401 201", () -> {
            String keyId = "m-" + UUID.randomUUID().toString().substring(0, 8);
            return post("/v1/ops/channels", Map.of("name", "矩阵 Matrix " + keyId, "publicKeyPem",
                    ctx.get("spareKeyPem"), "keyId", keyId, "notifyUrl", "http://127.0.0.1:9/none",
                    "redirectUri", Fixtures.PARTNER_REDIRECT, "scopes", List.of("account"), "rateLimitPerSecond", 10));
        }));
        t.put("GET /v1/ops/channels", ops("401 403 403 401 401 401 200", () -> get("/v1/ops/channels")));
        t.put("GET /v1/ops/channels/{appId}", ops("401 403 403 401 401 401 200",
                () -> get("/v1/ops/channels/" + ctx.get("opsApp"))));
        t.put("GET /v1/ops/channels/{appId}/deliveries", ops("401 403 403 401 401 401 200",
                () -> get("/v1/ops/channels/" + ctx.get("opsApp") + "/deliveries")));
        t.put("POST /v1/ops/channels/{appId}/keys", ops("401 403 403 401 401 401 201",
                () -> post("/v1/ops/channels/" + ctx.get("opsApp") + "/keys", Map.of("keyId",
                        "k-" + UUID.randomUUID().toString().substring(0, 8), "publicKeyPem", ctx.get("spareKeyPem")))));
        t.put("DELETE /v1/ops/channels/{appId}/keys/{keyId}", ops("401 403 403 401 401 401 204",
                () -> new Request("/v1/ops/channels/" + ctx.get("opsApp") + "/keys/" + ctx.get("opsKey"), null)));
        t.put("POST /v1/ops/channels/{appId}/resume", ops("401 403 403 401 401 401 200",
                () -> post("/v1/ops/channels/" + ctx.get("opsApp") + "/resume", null)));
        t.put("POST /v1/ops/channels/{appId}/suspend", ops("401 403 403 401 401 401 200",
                () -> post("/v1/ops/channels/" + ctx.get("opsApp") + "/suspend", null)));
        t.put("POST /v1/ops/deliveries/{id}/replay", ops("401 403 403 401 401 401 404",
                () -> post("/v1/ops/deliveries/" + UUID.randomUUID() + "/replay", null)));
        t.put("GET /v1/ops/loan-auto-transfers", ops("401 403 403 401 401 401 200",
                () -> get("/v1/ops/loan-auto-transfers?month=" + LocalDate.now(Zones.SHANGHAI).toString()
                        .substring(0, 7))));
        t.put("PUT /v1/ops/outlets/{id}/capacity", ops("401 403 403 401 401 401 404",
                () -> new Request("/v1/ops/outlets/no-such-outlet/capacity", json(Map.of("items", List.of(
                        Map.of("service", ctx.get("service"), "weekday", 1, "capacityPerSlot", 2)))))));
        t.put("POST /v1/ops/outlets/{id}/closures", ops("401 403 403 401 401 401 404",
                () -> post("/v1/ops/outlets/no-such-outlet/closures", Map.of("date", ctx.get("day").toString(),
                        "reason", "authorization matrix"))));
        t.put("POST /v1/ops/payouts/pause", ops("401 403 403 401 401 401 200",
                () -> post("/v1/ops/payouts/pause", Map.of("reason", "authorization matrix"))));
        t.put("POST /v1/ops/payouts/resume", ops("401 403 403 401 401 401 200",
                () -> post("/v1/ops/payouts/resume", Map.of("reason", "authorization matrix"))));
        t.put("GET /v1/ops/payouts/unknown", ops("401 403 403 401 401 401 200", () -> get("/v1/ops/payouts/unknown")));
        t.put("POST /v1/ops/payouts/{withdrawalId}/ask-bank", ops("401 403 403 401 401 401 404",
                () -> post("/v1/ops/payouts/" + UUID.randomUUID() + "/ask-bank", null)));
        t.put("GET /v1/ops/reconciliation", ops("401 403 403 401 401 401 200", () -> get("/v1/ops/reconciliation")));
        t.put("POST /v1/ops/reconciliation/bank-statement", ops("401 403 403 401 401 401 200",
                () -> post("/v1/ops/reconciliation/bank-statement?date=" + opsDay(), null)));
        // Not reconciled yet (the POST comes after it): the operator is told so.
        t.put("GET /v1/ops/reconciliation/bank-statement", ops("401 403 403 401 401 401 404",
                () -> get("/v1/ops/reconciliation/bank-statement?date=" + opsDay())));
        t.put("GET /v1/ops/stats/daily", ops("401 403 403 401 401 401 200",
                () -> get("/v1/ops/stats/daily?date=" + opsDay())));
        t.put("GET /v1/ops/stats/live", ops("401 403 403 401 401 401 200", () -> get("/v1/ops/stats/live")));
        t.put("GET /v1/ops/stats/minutes", ops("401 403 403 401 401 401 200", () -> get("/v1/ops/stats/minutes")));
        t.put("GET /v1/ops/switches", ops("401 403 403 401 401 401 200", () -> get("/v1/ops/switches")));

        t.put("GET /v1/outlets", pub("200 200 200 200 200 200 200", () -> get("/v1/outlets")));
        t.put("GET /v1/ping", pub("204 204 204 204 204 204 204", () -> get("/v1/ping")));
        t.put("GET /v1/transfer-centres", pub("200 200 200 200 200 200 200", () -> get("/v1/transfer-centres")));

        // --- withdrawals: B offers A's card and A's passed face verification ---
        t.put("POST /v1/withdrawals", member("401 201 404 401 401 401 403", () -> post("/v1/withdrawals",
                Map.of("category", "PURCHASE", "amountFen", 1_000, "bankCardId", a.cardId(),
                        "faceVerificationId", Fixtures.face(a).toString()))));
        t.put("GET /v1/withdrawals/{id}", member("401 200 404 401 401 401 403",
                () -> get("/v1/withdrawals/" + ctx.get("withdrawalA"))));
        t.put("GET /v1/withdrawals/{id}/events", member("401 200 404 401 401 401 403",
                () -> get("/v1/withdrawals/" + ctx.get("withdrawalA") + "/events")));

        // --- the partner API ---
        t.put("GET /partner/v1/account", partner("account", "401 401 401 403 200 200 401",
                () -> get("/partner/v1/account")));
        t.put("GET /partner/v1/bank-cards", partner("withdrawal", "401 401 401 403 200 200 401",
                () -> get("/partner/v1/bank-cards")));
        t.put("GET /partner/v1/calculator/monthly-payment", partner("calculator", "401 401 401 403 200 200 401",
                () -> get("/partner/v1/calculator/monthly-payment?principalFen=100000000&annualRate=0.031"
                        + "&termMonths=360&method=EQUAL_INSTALMENT")));
        // The feed is the app's own, of every member it acts for: the app is the reader, not the member.
        t.put("GET /partner/v1/events", new Op("401 401 401 200 200 200 401", null, true, false,
                () -> get("/partner/v1/events")));
        t.put("POST /partner/v1/face-verifications", new Op("401 401 401 403 201 201 401", "withdrawal", false, true,
                () -> post("/partner/v1/face-verifications", Map.of("purpose", "WITHDRAWAL",
                        "certifyId", "PASS-" + UUID.randomUUID()))));
        t.put("GET /partner/v1/keys", pub("200 200 200 200 200 200 200", () -> get("/partner/v1/keys")));
        t.put("GET /partner/v1/loans", partner("loans", "401 401 401 403 200 200 401", () -> get("/partner/v1/loans")));
        t.put("POST /partner/v1/loans/{id}/prepayment-quotes", partner("loans", "401 401 401 403 201 404 401",
                () -> post("/partner/v1/loans/" + ctx.get("partnerLoanA") + "/prepayment-quotes",
                        Map.of("amountFen", 100_000, "mode", "REDUCE_PAYMENT"))));
        t.put("POST /partner/v1/loans/{id}/prepayments", partner("loans", "401 401 401 403 201 404 401",
                () -> post("/partner/v1/loans/" + ctx.get("partnerLoanA") + "/prepayments", Map.of("quoteId",
                        ctx.get("partnerQuoteA"), "source", "HPF_BALANCE", "faceVerificationId",
                        ctx.get("partnerPrepaymentFaceA"), "outBizNo", "PRE-" + UUID.randomUUID()))));
        t.put("POST /partner/v1/oauth/token", partner(null, "401 401 401 400 400 400 401",
                () -> post("/partner/v1/oauth/token", Map.of("grantType", "authorization_code",
                        "code", "not-a-code", "codeVerifier", Pkce.newVerifier()))));
        t.put("GET /partner/v1/statements", partner("statements", "401 401 401 403 200 200 401",
                () -> get("/partner/v1/statements")));
        t.put("GET /partner/v1/withdrawals", partner("withdrawal", "401 401 401 403 200 200 401",
                () -> get("/partner/v1/withdrawals?outBizNo=" + ctx.get("partnerOutBizNoA"))));
        t.put("POST /partner/v1/withdrawals", partner("withdrawal", "401 401 401 403 201 404 401",
                () -> post("/partner/v1/withdrawals", Map.of("category", "PURCHASE", "amountFen", 1_000,
                        "bankCardId", a.cardId(), "faceVerificationId", partnerFace(partnerA, "WITHDRAWAL"),
                        "outBizNo", "AUTHZ-" + UUID.randomUUID()))));
        t.put("GET /partner/v1/withdrawals/{id}", partner("withdrawal", "401 401 401 403 200 404 401",
                () -> get("/partner/v1/withdrawals/" + ctx.get("partnerWithdrawalA"))));
        return t;
    }

    private static String nobody() {
        return "3398" + String.format("%08d", (long) (Math.random() * 100_000_000));
    }

    private static Op pub(String expected, Supplier<Request> request) {
        return new Op(expected, null, false, false, request);
    }

    private static Op member(String expected, Supplier<Request> request) {
        return new Op(expected, null, false, false, request);
    }

    private static Op ops(String expected, Supplier<Request> request) {
        return new Op(expected, null, false, false, request);
    }

    private static Op partner(String scope, String expected, Supplier<Request> request) {
        return new Op(expected, scope, false, false, request);
    }

    /** Member A with money, a loan for each channel, and one of each of her resources, made the way she makes them. */
    private void setUp() {
        operatorToken = operatorLogin();
        a = Fixtures.member().balance(5_000_000).create();
        b = Fixtures.member().balance(5_000_000).create();
        long loanA = Fixtures.loan(a.id(), 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0, false);
        long partnerLoanA = Fixtures.loan(a.id(), 20_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0,
                false);
        Fixtures.loan(b.id(), 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0, false);
        ctx.put("loanA", loanA);
        ctx.put("partnerLoanA", partnerLoanA);
        ctx.put("withdrawalA", Fixtures.withdrawal(a).admit());
        ctx.put("faceA", Fixtures.face(a));
        ctx.put("pendingFaceA", Fixtures.pendingFace(a.id(), "WITHDRAWAL"));
        ctx.put("prepaymentFaceA", Fixtures.face(a, "PREPAYMENT"));
        ctx.put("quoteA", a.api().contentType(ContentType.JSON).body(Map.of("amountFen", 100_000, "mode",
                "REDUCE_PAYMENT")).post("/v1/me/loans/" + loanA + "/prepayment-quotes").then().statusCode(201)
                .extract().path("id"));

        // Partners: one app with every scope (acting for A and for B), one app per scope it lacks.
        Partner all = Fixtures.partner();
        String[] memberScopes = {"account", "statements", "withdrawal", "loans"};
        PartnerClient.Tokens tokensA = Fixtures.consent(all, a, memberScopes);
        ctx.put("openIdA", tokensA.openId());
        partnerA = new Http.PartnerCredentials(all.appId(), all.keyId(), all.keys().getPrivate(),
                tokensA.accessToken());
        partnerB = new Http.PartnerCredentials(all.appId(), all.keyId(), all.keys().getPrivate(),
                all.token(b, memberScopes));
        for (String lacking : ALL_SCOPES) {
            String[] others = ALL_SCOPES.stream().filter(s -> !s.equals(lacking)).toArray(String[]::new);
            Partner p = Fixtures.partner(others);
            String[] granted = java.util.Arrays.stream(others).filter(s -> !s.equals("calculator"))
                    .toArray(String[]::new);
            noScope.put(lacking, new Http.PartnerCredentials(p.appId(), p.keyId(), p.keys().getPrivate(),
                    p.token(a, granted)));
        }
        ctx.put("partnerQuoteA", sendAs(partnerA, "POST", "/partner/v1/loans/" + partnerLoanA + "/prepayment-quotes",
                Map.of("amountFen", 100_000, "mode", "REDUCE_PAYMENT"), 201, "id"));
        ctx.put("partnerPrepaymentFaceA", partnerFace(partnerA, "PREPAYMENT"));
        String outBizNo = "AUTHZ-A-" + UUID.randomUUID().toString().substring(0, 8);
        ctx.put("partnerOutBizNoA", outBizNo);
        ctx.put("partnerWithdrawalA", sendAs(partnerA, "POST", "/partner/v1/withdrawals", Map.of("category",
                "PURCHASE", "amountFen", 1_000, "bankCardId", a.cardId(), "faceVerificationId",
                partnerFace(partnerA, "WITHDRAWAL"), "outBizNo", outBizNo), 201, "id"));

        // Apps A consents to (the consent screen's call) and revokes, apart from the partners above.
        ctx.put("consentApp", Fixtures.partner("account").appId());
        Partner revoke = Fixtures.partner("account");
        Fixtures.consent(revoke, a, "account");
        ctx.put("revokeApp", revoke.appId());
        Partner opsApp = Fixtures.partner("account");
        ctx.put("opsApp", opsApp.appId());
        ctx.put("opsKey", opsApp.keyId());
        ctx.put("spareKeyPem", Pem.publicKey(Pem.newRsaKeyPair().getPublic()));

        // An appointment of A's, and a second free slot for the booking row.
        ctx.put("outlet", "xs-citizen-centre");
        ctx.put("service", "WITHDRAW_SERIOUS_ILLNESS");
        LocalDate day = LocalDate.now(Zones.SHANGHAI).plusDays(7);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        ctx.put("day", day);
        List<String> slots = given().queryParam("outletId", ctx.get("outlet")).queryParam("service", ctx.get("service"))
                .queryParam("date", day.toString()).get("/v1/appointments/slots").then().statusCode(200).extract()
                .jsonPath().getList("items.start");
        ctx.put("slot2", slots.get(slots.size() - 1));
        ctx.put("appointmentA", a.api().contentType(ContentType.JSON).header("Idempotency-Key",
                        UUID.randomUUID().toString())
                .body(Map.of("outletId", ctx.get("outlet"), "service", ctx.get("service"), "slotStart", slots.get(0)))
                .post("/v1/appointments").then().statusCode(201).extract().path("id"));

        // A deposit certificate of A's.
        var cert = a.api().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("type", "DEPOSIT")).post("/v1/me/certificates").then().statusCode(201).extract();
        ctx.put("certificateA", cert.path("id"));
        ctx.put("certificateCodeA", cert.path("verificationCode"));

        // A transfer in (from an account of A's at another centre) and a transfer out, cancelled so A keeps her money.
        String originAccount = "SH-A-" + a.id();
        ctx.put("originCentre", "310000");
        ctx.put("originAccountA", originAccount);
        asOperator().contentType(ContentType.JSON).body(Map.of("centreCode", "310000", "accountNo", originAccount,
                "idNumber", a.idNumber(), "name", "测试" + a.id(), "balanceFen", 10_000, "frozen", false))
                .post("/sandbox/transfer-platform/origin-accounts").then().statusCode(200);
        ctx.put("transferInA", a.api().contentType(ContentType.JSON).header("Idempotency-Key",
                        UUID.randomUUID().toString())
                .body(Map.of("originCentreCode", "310000", "originAccountNo", originAccount))
                .post("/v1/me/transfers-in").then().statusCode(201).extract().path("id"));
        ctx.put("platformTransferOutA", asOperator().contentType(ContentType.JSON).body(Map.of("accountNo",
                        a.memberNo(), "idNumber", a.idNumber(), "destinationCentreCode", "310000",
                        "destinationAccountNo", "SH-NEW", "outcome", "CANCEL"))
                .post("/sandbox/transfer-platform/transfers-out").then().statusCode(201).extract().path("transferId"));
        // (Refused: A has a loan here. Whatever its end, it has one before the matrix starts.)
        ctx.put("transferOutA", Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> a.api().get("/v1/me/transfers-out").then().statusCode(200).extract().path("items[0].id"),
                java.util.Objects::nonNull));
        settled();
    }

    /** Waits until nothing of A's is still on its way (payouts, transfers): her state moves only by a caller. */
    private void settled() {
        Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(30))
                .until(() -> Db.queryLong(
                "SELECT (SELECT count(*) FROM withdrawal WHERE member_id = " + a.id()
                        + " AND status NOT IN ('PAID', 'FAILED', 'RETURNED')) "
                        + "+ (SELECT count(*) FROM transfer_in WHERE member_id = " + a.id()
                        + " AND status NOT IN ('CREDITED', 'REJECTED', 'FAILED', 'CANCELLED')) "
                        + "+ (SELECT count(*) FROM transfer_out WHERE member_id = " + a.id()
                        + " AND status NOT IN ('REFUSED', 'VOIDED', 'POSTED'))") == 0);
    }

    private io.restassured.specification.RequestSpecification asOperator() {
        return given().auth().oauth2(operatorToken);
    }

    /** The operator's own session: the matrix signs it out (POST /v1/auth/logout) and then logs in again. */
    private static String operatorLogin() {
        return given().contentType(ContentType.JSON).body(Map.of("username", "ops", "password", "Ops@2026"))
                .post("/v1/auth/operator-token").then().statusCode(200).extract().path("accessToken");
    }

    private Http.Credentials credentials(Caller c, Op op) {
        return switch (c) {
            case ANONYMOUS -> Http.Credentials.NONE;
            case MEMBER_A -> Http.Credentials.bearer(a.token());
            case MEMBER_B -> Http.Credentials.bearer(b.token());
            case OPERATOR -> Http.Credentials.bearer(operatorToken);
            case PARTNER_A -> Http.Credentials.partner(partnerA);
            case PARTNER_B -> Http.Credentials.partner(partnerB);
            case PARTNER_NO_SCOPE -> Http.Credentials.partner(noScope.get(op.scope() == null ? "account" : op.scope()));
        };
    }

    private String partnerFace(Http.PartnerCredentials p, String purpose) {
        return sendAs(p, "POST", "/partner/v1/face-verifications", Map.of("purpose", purpose,
                "certifyId", "PASS-" + UUID.randomUUID()), 201, "id");
    }

    private static String sendAs(Http.PartnerCredentials p, String method, String target, Object body, int status,
                                 String field) {
        Http.Answer r = Http.send(method, target, json(body), Http.Credentials.partner(p));
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        try {
            return JSON.readTree(r.body()).path(field).asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What other callers must never move: A's money, holds, withdrawals, loans, consents, bookings, transfers. */
    private String stateOfA() {
        long id = a.id();
        return Db.queryString("SELECT concat_ws(' | ', "
                + "(SELECT balance_fen || '/' || held_fen || '/' || status FROM account WHERE member_id = " + id + "), "
                + "(SELECT count(*) FROM withdrawal WHERE member_id = " + id + "), "
                + "(SELECT count(*) FROM ledger_entry WHERE member_id = " + id + "), "
                + "(SELECT string_agg(id || ':' || status || ':' || coalesce(consumed_by::text, '-'), ',' ORDER BY id) "
                + "FROM face_verification WHERE member_id = " + id + "), "
                + "(SELECT string_agg(id || ':' || outstanding_principal_fen || ':' || auto_transfer, ',' ORDER BY id) "
                + "FROM loan WHERE member_id = " + id + "), "
                + "(SELECT count(*) FROM prepayment WHERE member_id = " + id + "), "
                + "(SELECT count(*) FROM prepayment_quote q JOIN loan l ON l.id = q.loan_id WHERE l.member_id = " + id
                + "), "
                + "(SELECT string_agg(app_id || ':' || (revoked_at IS NULL), ',' ORDER BY app_id) "
                + "FROM channel_authorization WHERE member_id = " + id + "), "
                + "(SELECT count(*) FILTER (WHERE revoked_at IS NULL) FROM channel_token WHERE member_id = " + id + "), "
                + "(SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM appointment WHERE member_id = " + id
                + "), "
                + "(SELECT count(*) FROM deposit_certificate WHERE member_id = " + id + "), "
                + "(SELECT count(*) FROM transfer_in WHERE member_id = " + id + "), "
                + "(SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM transfer_out WHERE member_id = " + id
                + "))");
    }

    /** Values that identify A or her resources: none may reach a caller who does not act for her. */
    private List<String> markersOfA() {
        List<String> m = new ArrayList<>(List.of(a.memberNo(), a.idNumber(), "测试" + a.id(),
                (String) ctx.get("openIdA")));
        for (String k : List.of("withdrawalA", "faceA", "pendingFaceA", "prepaymentFaceA", "quoteA", "partnerQuoteA",
                "partnerPrepaymentFaceA", "partnerWithdrawalA", "appointmentA", "certificateA", "transferInA",
                "transferOutA", "partnerOutBizNoA")) {
            Object v = ctx.get(k);
            if (v != null) {
                m.add(v.toString());
            }
        }
        return m;
    }

    private static Request get(String target) {
        return new Request(target, null);
    }

    private static Request post(String target, Object body) {
        return new Request(target, body == null ? null : json(body));
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The operators' dated rows act on a day of this test's own, which no other test's bank statement uses. */
    private static String opsDay() {
        return "2012-06-01";
    }

    /** One token per caller: a status, or statuses that are all as good ("401|429"). */
    private static List<Set<Integer>> parse(String expected) {
        String[] parts = expected.trim().split("\\s+");
        assertThat(parts).as(expected).hasSize(Caller.values().length);
        List<Set<Integer>> out = new ArrayList<>();
        for (String part : parts) {
            Set<Integer> statuses = new TreeSet<>();
            for (String s : part.split("\\|")) {
                statuses.add(Integer.parseInt(s));
            }
            out.add(statuses);
        }
        return out;
    }

    private static String row(Map<Caller, Integer> seen) {
        StringBuilder s = new StringBuilder();
        for (Caller c : Caller.values()) {
            s.append(s.length() == 0 ? "" : " ").append(seen.get(c));
        }
        return s.toString();
    }

    private static String baseType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].trim();
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

}
