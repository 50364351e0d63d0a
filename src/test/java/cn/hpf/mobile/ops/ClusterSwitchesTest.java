package cn.hpf.mobile.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import cn.hpf.mobile.common.db.ControlPool;
import cn.hpf.mobile.ops.switches.ClusterSwitch;
import cn.hpf.mobile.ops.switches.ClusterSwitches;
import cn.hpf.mobile.ops.switches.SwitchRepository;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Operators' cluster-wide pause and resume of admissions and payouts: the switch is PostgreSQL's, the refusal is
 * 503 ADMISSIONS_PAUSED, waiting payouts are paid after the resume, another replica follows within its poll, and
 * every action is in the append-only audit.
 */
@QuarkusTest
class ClusterSwitchesTest {

    private static final String OPERATOR = "operator:1";

    @Inject
    SwitchRepository repository;

    @Inject
    OpsConfig config;

    @Inject
    Vertx vertx;

    @Inject
    ControlPool control;

    @AfterEach
    void resumeEverything() {
        resume("admissions", null);
        resume("payouts", null);
    }

    @Test
    void membersAndAnonymousCallersCannotTouchTheSwitches() {
        Api.as(Api.RENTER).post("/v1/ops/admissions/pause").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        Api.as(Api.RENTER).post("/v1/ops/payouts/pause").then().statusCode(403);
        Api.as(Api.RENTER).get("/v1/ops/switches").then().statusCode(403);
        io.restassured.RestAssured.post("/v1/ops/payouts/resume").then().statusCode(401);
        Api.asOperator().get("/v1/ops/switches").then().statusCode(200)
                .body("admissions.paused", equalTo(false)).body("payouts.paused", equalTo(false));
    }

    @Test
    void pausedAdmissionsAreRefusedWithTheirCodeAndAdmitAgainAfterTheResume() {
        Member m = Fixtures.member(500_000);
        pause("admissions", "peak: the bank asked us to slow down");
        Api.asOperator().get("/v1/ops/switches").then().statusCode(200)
                .body("admissions.paused", equalTo(true))
                .body("admissions.changedBy", equalTo(OPERATOR))
                .body("admissions.changedAt", notNullValue())
                .body("admissions.reason", equalTo("peak: the bank asked us to slow down"))
                .body("payouts.paused", equalTo(false))
                .body("followedWithinMs", equalTo((int) config.switchPoll().toMillis()));

        String key = "paused-" + UUID.randomUUID();
        Map<String, Object> body = withdrawal(m, 10_000);
        admit(m, key, body).then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", String.valueOf(config.pausedRetryAfter().toSeconds()))
                .body("code", equalTo("ADMISSIONS_PAUSED"));
        assertThat(Fixtures.withdrawals(m)).isZero();
        assertThat(Fixtures.held(m)).isZero();

        resume("admissions", "slowed enough");
        // The same key and face: the refusal consumed neither.
        admit(m, key, body).then().statusCode(201).body("status", equalTo("ACCEPTED"));
        assertThat(Fixtures.withdrawals(m)).isEqualTo(1);
    }

    @Test
    void pausedPayoutsKeepAdmittedWithdrawalsWaitingAndPayThemOnceAfterTheResume() {
        Member m = Fixtures.member(500_000);
        pause("payouts", "bank maintenance window");
        String id = admit(m, "payouts-paused-" + UUID.randomUUID(), withdrawal(m, 12_345)).then().statusCode(201)
                .extract().path("id");
        // Through more than two dispatcher polls and switch polls: nobody claims it.
        await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100))
                .until(() -> "ACCEPTED".equals(Fixtures.status(UUID.fromString(id))));
        assertThat(Db.queryLong("SELECT attempts FROM payout_outbox WHERE withdrawal_id = '" + id + "'")).isZero();
        assertThat(Db.queryLong("SELECT count(*) FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"))
                .isZero();

        resume("payouts", "window over");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> "PAID".equals(Fixtures.status(UUID.fromString(id))));
        assertThat(Db.queryLong("SELECT pay_calls FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"))
                .isEqualTo(1);
        assertThat(Db.queryLong("SELECT count(*) FROM ledger_entry WHERE type = 'WITHDRAWAL' AND reference = '"
                + id + "'")).isEqualTo(1);
        assertThat(Fixtures.balance(m)).isEqualTo(500_000 - 12_345);
    }

    @Test
    void aSecondReplicaFollowsWithinItsPollInterval() {
        // Another replica's reader: its own instance over the same PostgreSQL, polling on its own timer.
        ClusterSwitches other = new ClusterSwitches(repository, config, vertx);
        other.start();
        try {
            Duration within = config.switchPoll().plusSeconds(1); // one poll, and a query's time with margin
            pause("admissions", null);
            await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> other.paused(ClusterSwitch.ADMISSIONS));
            assertThat(other.known().get(ClusterSwitch.ADMISSIONS).changedBy()).isEqualTo(OPERATOR);
            assertThatThrownBy(other::requireAdmissionsOpen)
                    .isInstanceOfSatisfying(cn.hpf.mobile.common.ApiException.class,
                            e -> assertThat(e.code()).isEqualTo("ADMISSIONS_PAUSED"));

            pause("payouts", null);
            await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> other.paused(ClusterSwitch.PAYOUTS));

            resume("admissions", null);
            resume("payouts", null);
            await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() ->
                    !other.paused(ClusterSwitch.ADMISSIONS) && !other.paused(ClusterSwitch.PAYOUTS));
        } finally {
            other.stop();
        }
    }

    /**
     * The operator's read is an ordinary read: on the one control connection, a flood of them queued ahead of the
     * replicas' polls (switches, signed-out sessions) and, past its short queue, was refused with 503.
     */
    @Test
    void anOperatorsReadDoesNotQueueOnTheControlConnection() {
        io.vertx.mutiny.sqlclient.Pool controlConnection = control.pool(null);
        assertThat(controlConnection).as("the control connection").isNotNull();
        List<CompletableFuture<?>> holding = new ArrayList<>();
        // One statement running and a full wait queue, held shortly: the signed-out sessions' poll is starved too,
        // and past its staleness limit every signed-in request would be refused.
        Api.asOperator().get("/v1/ops/switches").then().statusCode(200);
        holding.add(controlConnection.query("SELECT pg_sleep(0.5)").execute().subscribeAsCompletionStage());
        for (int i = 0; i < 8; i++) {
            holding.add(controlConnection.query("SELECT 1").execute().subscribeAsCompletionStage());
        }
        try {
            Response read = Api.asOperator().get("/v1/ops/switches");
            assertThat(read.statusCode()).as(read.asString()).isEqualTo(200);
        } finally {
            CompletableFuture.allOf(holding.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        }
    }

    @Test
    void everyActionIsAuditedInAnAppendOnlyTable() {
        long before = Db.queryLong("SELECT coalesce(max(id), 0) FROM operator_action");
        pause("payouts", "first");
        pause("payouts", "second"); // already paused: changes nothing, audited all the same
        resume("payouts", null);

        assertThat(Db.queryString("SELECT string_agg(operator || '|' || action || '|' || target || '|' "
                + "|| coalesce(reason, '-') || '|' || changed, ';' ORDER BY id) FROM operator_action WHERE id > "
                + before)).isEqualTo(OPERATOR + "|PAYOUTS_PAUSE|PAYOUTS|first|true;"
                + OPERATOR + "|PAYOUTS_PAUSE|PAYOUTS|second|false;"
                + OPERATOR + "|PAYOUTS_RESUME|PAYOUTS|-|true");
        assertThat(Db.queryLong("SELECT count(*) FROM operator_action WHERE id > " + before
                + " AND at > now() - interval '1 minute'")).isEqualTo(3);

        assertThatThrownBy(() -> Db.exec("UPDATE operator_action SET reason = 'rewritten' WHERE id > " + before))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> Db.exec("DELETE FROM operator_action WHERE id > " + before))
                .hasStackTraceContaining("append-only");
        // operator_action is the operators' view of the one audit table, which refuses a TRUNCATE.
        assertThatThrownBy(() -> Db.exec("TRUNCATE audit_log"))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void aSecondPauseKeepsWhoPausedAndWhy() {
        pause("admissions", "first");
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("reason", "second"))
                .post("/v1/ops/admissions/pause").then().statusCode(200)
                .body("paused", equalTo(true)).body("reason", equalTo("first"));
        Api.asOperator().post("/v1/ops/admissions/resume").then().statusCode(200)
                .body("paused", equalTo(false)).body("changedBy", equalTo(OPERATOR)).body("reason", nullValue());
    }

    @Test
    void aReasonIsShort() {
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("reason", "x".repeat(501)))
                .post("/v1/ops/payouts/pause").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("reason"));
        Api.asOperator().get("/v1/ops/switches").then().body("payouts.paused", equalTo(false));
    }

    private static void pause(String what, String reason) {
        change(what, "pause", reason).then().statusCode(200).body("paused", equalTo(true));
    }

    private static void resume(String what, String reason) {
        change(what, "resume", reason).then().statusCode(200).body("paused", equalTo(false));
    }

    private static Response change(String what, String action, String reason) {
        var request = Api.asOperator();
        if (reason != null) {
            request = request.contentType(ContentType.JSON).body(Map.of("reason", reason));
        }
        return request.post("/v1/ops/" + what + "/" + action);
    }

    private static Map<String, Object> withdrawal(Member m, long amountFen) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", "PURCHASE");
        body.put("amountFen", amountFen);
        body.put("bankCardId", m.cardId());
        body.put("faceVerificationId", Fixtures.face(m).toString());
        return body;
    }

    private static Response admit(Member m, String key, Map<String, Object> body) {
        return m.api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/v1/withdrawals");
    }
}
