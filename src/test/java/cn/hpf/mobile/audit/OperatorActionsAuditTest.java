package cn.hpf.mobile.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.ServedOperations;
import cn.hpf.partner.client.Pem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Every operation an operator's token may call that changes state is audited: the operations are read from the
 * served OpenAPI document, so a new operator route fails here until it is listed below with the action it audits
 * (and a call that shows exactly one audit row by the operator), or with the reason it is not an action.
 */
@QuarkusTest
class OperatorActionsAuditTest {

    private static final String OPERATOR = "operator:1";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String OUTLET = "xs-guali";
    private static final String SERVICE = "LOAN_MORTGAGE_RELEASE";

    /** How one operation is shown to be audited: what it needs first, then the call itself. */
    private record Audited(String action, Runnable setUp, Runnable call, String checkedBy) {
        static Audited live(String action, Runnable call) {
            return new Audited(action, () -> { }, call, null);
        }

        static Audited live(String action, Runnable setUp, Runnable call) {
            return new Audited(action, setUp, call, null);
        }

        static Audited checkedBy(String action, String test) {
            return new Audited(action, null, null, test);
        }
    }

    /** Not operator actions on the centre's state, and why. */
    private static final Map<String, String> NOT_ACTIONS = Map.of(
            "POST /v1/auth/logout", "the caller ends their own session (members and operators alike)");

    @Test
    void everyStateChangingOperatorOperationAppendsExactlyOneAuditRow() {
        Map<String, Audited> audited = audited();
        Set<String> served = new TreeSet<>();
        ServedOperations.served().operations().stream()
                .filter(op -> op.security().contains("operatorJwt") && !READS.contains(op.method()))
                .forEach(op -> served.add(op.key()));
        Set<String> declared = new TreeSet<>(audited.keySet());
        declared.addAll(NOT_ACTIONS.keySet());
        assertThat(declared).as("operator operations that change state: each audited (listed here with its "
                + "action) or listed as not an action").isEqualTo(served);

        audited.forEach((operation, a) -> {
            if (a.call() == null) {
                return;
            }
            a.setUp().run();
            long before = Db.queryLong("SELECT coalesce(max(id), 0) FROM audit_log");
            a.call().run();
            assertThat(Db.queryString("SELECT string_agg(action || '|' || actor || '|' || coalesce(client_address, "
                    + "'-'), ';' ORDER BY id) FROM audit_log WHERE channel = 'OPS' AND id > " + before))
                    .as(operation).isEqualTo(a.action() + "|" + OPERATOR + "|127.0.0.1");
        });
    }

    @Test
    void appointmentActionsSayWhatChangedAndARefusalLeavesNoRow() {
        long before = Db.queryLong("SELECT coalesce(max(id), 0) FROM audit_log");
        int current = currentCapacity();
        setCapacity(current);
        setCapacity(current == 0 ? 1 : current - 1);
        setCapacity(current);
        // A refused closure (a day in the past) leaves nothing; so does a capacity refused half-way.
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("date", "2000-01-01", "reason", "past"))
                .post("/v1/ops/outlets/" + OUTLET + "/closures").then().statusCode(400);
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("items", List.of(
                        Map.of("service", SERVICE, "weekday", 1, "capacityPerSlot", current),
                        Map.of("service", "NO_SUCH_SERVICE", "weekday", 1, "capacityPerSlot", 1))))
                .put("/v1/ops/outlets/" + OUTLET + "/capacity").then().statusCode(404);
        LocalDate day = farDay();
        Api.asOperator().contentType(ContentType.JSON)
                .body(Map.of("date", day.toString(), "reason", "盘点 stocktaking"))
                .post("/v1/ops/outlets/" + OUTLET + "/closures").then().statusCode(201);

        assertThat(Db.queryString("SELECT string_agg(action || '|' || target || '|' || result || '|' "
                + "|| coalesce(reason, '-') || '|' || changed, ';' ORDER BY id) FROM audit_log "
                + "WHERE channel = 'OPS' AND id > " + before)).isEqualTo(String.join(";",
                "APPOINTMENT_CAPACITY_SET|" + OUTLET + "|SET " + SERVICE + "/1=" + current + "|-|false",
                "APPOINTMENT_CAPACITY_SET|" + OUTLET + "|SET " + SERVICE + "/1=" + (current == 0 ? 1 : current - 1)
                        + "|-|true",
                "APPOINTMENT_CAPACITY_SET|" + OUTLET + "|SET " + SERVICE + "/1=" + current + "|-|true",
                "OUTLET_CLOSE|" + OUTLET + " " + day + "|CLOSED, 0 booking(s) cancelled|盘点 stocktaking|true"));
    }

    private static Map<String, Audited> audited() {
        Map<String, Audited> m = new LinkedHashMap<>();
        m.put("POST /v1/ops/admissions/pause", Audited.live("ADMISSIONS_PAUSE", () -> switchTo("admissions/pause")));
        m.put("POST /v1/ops/admissions/resume", Audited.live("ADMISSIONS_RESUME", () -> switchTo("admissions/resume")));
        m.put("POST /v1/ops/payouts/pause", Audited.live("PAYOUTS_PAUSE", () -> switchTo("payouts/pause")));
        m.put("POST /v1/ops/payouts/resume", Audited.live("PAYOUTS_RESUME", () -> switchTo("payouts/resume")));
        m.put("PUT /v1/ops/outlets/{id}/capacity", Audited.live("APPOINTMENT_CAPACITY_SET",
                () -> setCapacity(currentCapacity())));
        m.put("POST /v1/ops/outlets/{id}/closures", Audited.live("OUTLET_CLOSE", () -> Api.asOperator()
                .contentType(ContentType.JSON).body(Map.of("date", farDay().toString(), "reason", "audit test"))
                .post("/v1/ops/outlets/" + OUTLET + "/closures").then().statusCode(201)));
        m.put("PUT /sandbox/bank/silence", Audited.live("SANDBOX_BANK_SILENCE", () -> Api.asOperator()
                .contentType(ContentType.JSON).body(Map.of("silent", false)).put("/sandbox/bank/silence")
                .then().statusCode(200)));
        m.put("POST /sandbox/bank/statements", Audited.live("SANDBOX_BANK_STATEMENT", () -> Api.asOperator()
                .post("/sandbox/bank/statements?date=" + LocalDate.now().minusDays(400)).then().statusCode(200)));
        UUID[] paid = new UUID[1];
        m.put("POST /sandbox/bank/payouts/{withdrawalId}/return", Audited.live("SANDBOX_BANK_RETURN",
                () -> paid[0] = paidWithdrawal(), () -> Api.asOperator().contentType(ContentType.JSON)
                        .body(Map.of("reason", "ACCOUNT_CLOSED")).post("/sandbox/bank/payouts/" + paid[0] + "/return")
                        .then().statusCode(200)));
        m.put("POST /sandbox/transfer-platform/origin-accounts", Audited.live("SANDBOX_ORIGIN_ACCOUNT_REGISTER",
                () -> Api.asOperator().contentType(ContentType.JSON).body(Map.of("centreCode", "310000",
                                "accountNo", "AUDIT-" + UUID.randomUUID().toString().substring(0, 8),
                                "idNumber", "330109199502284321", "name", "李娜", "balanceFen", 1_000,
                                "frozen", false))
                        .post("/sandbox/transfer-platform/origin-accounts").then().statusCode(200)));
        m.put("POST /sandbox/transfer-platform/transfers-out", Audited.live("SANDBOX_TRANSFER_OUT_START",
                () -> Api.asOperator().contentType(ContentType.JSON).body(Map.of("accountNo", "330100000002",
                                "idNumber", "330109199502284321", "destinationCentreCode", "310000",
                                "destinationAccountNo", "SH0099990000", "outcome", "CANCEL"))
                        .post("/sandbox/transfer-platform/transfers-out").then().statusCode(201)));
        String[] channel = new String[1];
        m.put("POST /v1/ops/channels", Audited.live("CHANNEL_REGISTER",
                () -> channel[0] = Fixtures.partner().appId()));
        m.put("POST /v1/ops/channels/{appId}/keys", Audited.live("CHANNEL_KEY_ADD", () -> Api.asOperator()
                .contentType(ContentType.JSON).body(Map.of("keyId", "next-key", "publicKeyPem",
                        Pem.publicKey(Pem.newRsaKeyPair().getPublic())))
                .post("/v1/ops/channels/" + channel[0] + "/keys").then().statusCode(201)));
        m.put("DELETE /v1/ops/channels/{appId}/keys/{keyId}", Audited.live("CHANNEL_KEY_RETIRE", () -> Api.asOperator()
                .delete("/v1/ops/channels/" + channel[0] + "/keys/next-key").then().statusCode(204)));
        m.put("POST /v1/ops/channels/{appId}/suspend", Audited.live("CHANNEL_SUSPEND", () -> Api.asOperator()
                .post("/v1/ops/channels/" + channel[0] + "/suspend").then().statusCode(200)));
        m.put("POST /v1/ops/channels/{appId}/resume", Audited.live("CHANNEL_RESUME", () -> Api.asOperator()
                .post("/v1/ops/channels/" + channel[0] + "/resume").then().statusCode(200)));
        LocalDate statementDay = LocalDate.now().minusDays(401);
        m.put("POST /v1/ops/reconciliation/bank-statement", Audited.live("BANK_STATEMENT_RECONCILE",
                () -> Api.asOperator().post("/sandbox/bank/statements?date=" + statementDay).then().statusCode(200),
                () -> Api.asOperator().post("/v1/ops/reconciliation/bank-statement?date=" + statementDay).then()
                        .statusCode(200)));
        m.put("POST /v1/ops/payouts/{withdrawalId}/ask-bank",
                Audited.checkedBy("PAYOUT_ASK_BANK", "UnknownPayoutsTest (it needs a payout of unknown outcome)"));
        m.put("POST /v1/ops/deliveries/{id}/replay",
                Audited.checkedBy("DELIVERY_REPLAY", "the replay's own statement (it needs a delivered notification)"));
        return m;
    }

    private static void switchTo(String path) {
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("reason", "audit test"))
                .post("/v1/ops/" + path).then().statusCode(200);
    }

    private static int currentCapacity() {
        return (int) Db.queryLong("SELECT capacity_per_slot FROM appointment_capacity WHERE outlet_id = '" + OUTLET
                + "' AND service_code = '" + SERVICE + "' AND weekday = 1");
    }

    private static void setCapacity(int perSlot) {
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("items", List.of(
                        Map.of("service", SERVICE, "weekday", 1, "capacityPerSlot", perSlot))))
                .put("/v1/ops/outlets/" + OUTLET + "/capacity").then().statusCode(200);
    }

    /** A day far ahead that no other test books or closes, different on every run. */
    private static LocalDate farDay() {
        return LocalDate.now().plusYears(5).plusDays(ThreadLocalRandom.current().nextInt(20_000));
    }

    private static UUID paidWithdrawal() {
        Fixtures.Member m = Fixtures.member(1_000_000);
        UUID id = Fixtures.withdrawal(m).amount(1_000).admit();
        await().atMost(Duration.ofSeconds(20)).until(() -> "PAID".equals(Fixtures.status(id)));
        return id;
    }
}
