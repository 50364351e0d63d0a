package cn.hpf.mobile.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.ops.stats.RefusalTally;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The console's daily figures on a day only this test writes to (in the reference centre's May 2018), with
 * withdrawals of known channels, categories, amounts and times just inside and outside the Asia/Shanghai day.
 */
@QuarkusTest
class DailyStatsTest {

    private static final String DAY = "2018-05-15";
    private static final String APP_ID = "stats-test-app";

    @Inject
    RefusalTally tally;

    @Test
    void operatorsOnlyAndTheDateIsRequired() {
        Api.as(Api.RENTER).get("/v1/ops/stats/daily?date=" + DAY).then().statusCode(403);
        Api.asOperator().get("/v1/ops/stats/daily").then().statusCode(400).body("field", equalTo("date"));
        Api.asOperator().get("/v1/ops/stats/daily?date=15.05.2018").then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER"));
    }

    @Test
    void aDaysFiguresAreExact() {
        Member m = Fixtures.member(1_000_000);
        UUID face = Fixtures.face(m);
        List<UUID> ids = List.of(
                // channel, category, amount, status, Shanghai time of admission, ms to PAID
                withdrawal(m, face, "APP", "RENT", 10_000, "PAID", "09:30:10", 1_000),
                withdrawal(m, face, "APP", "RENT", 20_000, "PAID", "09:30:40", 2_000),
                withdrawal(m, face, "MINI_PROGRAM", "PURCHASE", 30_000, "PAID", "09:30:50", 3_000),
                withdrawal(m, face, "PARTNER", "PURCHASE", 40_000, "FAILED", "10:00:00", null),
                withdrawal(m, face, "COUNTER", "RETIREMENT", 50_000, "PAID", "11:00:00", 4_000),
                withdrawal(m, face, "COUNTER", "RENT", 60_000, "ACCEPTED", "23:59:59.999", null));
        // Just outside the day on either side (Shanghai midnight is 16:00 UTC the day before).
        List<UUID> outside = List.of(
                withdrawalAt(m, face, "APP", 70_000, "2018-05-14 23:59:59.999"),
                withdrawalAt(m, face, "APP", 80_000, "2018-05-16 00:00:00"));
        Db.exec("INSERT INTO refusal_count (day, code, count) VALUES (DATE '" + DAY + "', 'ADMISSIONS_PAUSED', 3), "
                + "(DATE '" + DAY + "', 'DAILY_BUDGET_EXHAUSTED', 7), (DATE '2018-05-16', 'INVALID_PARAMETER', 5)");
        Db.exec("INSERT INTO reconciliation_run (checked_at, clean, mismatches) VALUES "
                + "(TIMESTAMPTZ '2018-05-14 12:00:00+08', TRUE, 0), (TIMESTAMPTZ '2018-05-15 20:00:00+08', FALSE, 3), "
                + "(TIMESTAMPTZ '2018-05-16 08:00:00+08', TRUE, 0)");
        Db.exec("INSERT INTO channel_app (app_id, name, notify_url, redirect_uri, allowed_scopes, "
                + "rate_limit_per_second) VALUES ('" + APP_ID + "', 'Stats test', 'https://partner.invalid/n', "
                + "'https://partner.invalid/r', ARRAY['withdrawal'], 1) ON CONFLICT DO NOTHING");
        // Two given up, one being retried (not due again during the test), one delivered.
        event(1, "FAILED", 8);
        event(2, "FAILED", 8);
        event(3, "PENDING", 2);
        event(4, "DELIVERED", 1);
        try {
            JsonPath s = Api.asOperator().get("/v1/ops/stats/daily?date=" + DAY).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(s.getString("date")).isEqualTo(DAY);
            assertThat(s.getLong("withdrawals.count")).isEqualTo(6);
            assertThat(s.getLong("withdrawals.amountFen")).isEqualTo(210_000);
            assertThat(s.getLong("withdrawals.paidCount")).isEqualTo(4);
            assertThat(s.getLong("withdrawals.paidFen")).isEqualTo(110_000);
            assertThat(s.getLong("withdrawals.failedCount")).isEqualTo(1);
            assertThat(s.getList("withdrawals.byCategory")).isEqualTo(List.of(
                    Map.of("key", "RENT", "count", 3, "amountFen", 90_000),
                    Map.of("key", "PURCHASE", "count", 2, "amountFen", 70_000),
                    Map.of("key", "RETIREMENT", "count", 1, "amountFen", 50_000)));
            assertThat(s.getList("withdrawals.byChannel")).isEqualTo(List.of(
                    Map.of("key", "APP", "count", 2, "amountFen", 30_000),
                    Map.of("key", "COUNTER", "count", 2, "amountFen", 110_000),
                    Map.of("key", "MINI_PROGRAM", "count", 1, "amountFen", 30_000),
                    Map.of("key", "PARTNER", "count", 1, "amountFen", 40_000)));
            // Online: APP 2 + MINI_PROGRAM 1 + PARTNER 1 of 6.
            assertThat(s.getString("onlineShare")).isEqualTo("0.6667");
            assertThat(s.getString("peakMinute.at")).isEqualTo("2018-05-15T01:30:00Z");
            assertThat(s.getLong("peakMinute.count")).isEqualTo(3);
            assertThat(s.getLong("payoutLatencyMs.count")).isEqualTo(4);
            assertThat(s.getLong("payoutLatencyMs.p50")).isEqualTo(2_000);
            assertThat(s.getLong("payoutLatencyMs.p95")).isEqualTo(4_000);
            assertThat(s.getLong("payoutLatencyMs.p99")).isEqualTo(4_000);
            assertThat(s.getList("refusalsByCode")).isEqualTo(List.of(
                    Map.of("code", "DAILY_BUDGET_EXHAUSTED", "count", 7),
                    Map.of("code", "ADMISSIONS_PAUSED", "count", 3)));
            assertThat(s.getList("notificationsFailing")).isEqualTo(List.of(
                    Map.of("appId", APP_ID, "failed", 2, "retrying", 1)));
            assertThat(s.getBoolean("reconciliation.clean")).isFalse();
            assertThat(s.getString("reconciliation.checkedAt")).isEqualTo("2018-05-15T12:00:00Z");
            assertThat(s.getInt("reconciliation.mismatches")).isEqualTo(3);

            // A day with nothing: zeros and nulls, never invented figures.
            JsonPath empty = Api.asOperator().get("/v1/ops/stats/daily?date=2018-05-13").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(empty.getLong("withdrawals.count")).isZero();
            assertThat(empty.getString("onlineShare")).isNull();
            assertThat(empty.getString("peakMinute")).isNull();
            assertThat(empty.getString("payoutLatencyMs.p50")).isNull();
            assertThat(empty.getList("refusalsByCode")).isEmpty();
            assertThat(empty.getString("reconciliation")).isNull();
        } finally {
            for (UUID id : concat(ids, outside)) {
                Db.exec("DELETE FROM withdrawal WHERE id = '" + id + "'");
            }
            Db.exec("DELETE FROM channel_event WHERE app_id = '" + APP_ID + "'");
            Db.exec("DELETE FROM refusal_count WHERE day IN (DATE '" + DAY + "', DATE '2018-05-16')");
            Db.exec("DELETE FROM reconciliation_run WHERE checked_at < TIMESTAMPTZ '2019-01-01 00:00:00+08'");
        }
    }

    @Test
    void theDemoHistoryHasCounterWithdrawalsOnPastDaysAndBalancedBooks() {
        // demo/ops-history.sql: 20 withdrawals a day, 6 + (days ago % 3) of them at the counter.
        String threeDaysAgo = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(3).toString();
        JsonPath s = Api.asOperator().get("/v1/ops/stats/daily?date=" + threeDaysAgo).then().statusCode(200)
                .extract().jsonPath();
        assertThat(s.getLong("withdrawals.count")).isEqualTo(20);
        assertThat(s.getLong("withdrawals.paidCount")).isEqualTo(20);
        assertThat(s.getInt("withdrawals.byChannel.find { it.key == 'COUNTER' }.count")).isEqualTo(6);
        assertThat(new java.math.BigDecimal(s.getString("onlineShare"))).isEqualByComparingTo("0.7");
        assertThat(s.getLong("peakMinute.count")).isEqualTo(4);
        assertThat(s.getLong("payoutLatencyMs.count")).isEqualTo(20);

        JsonPath report = Api.asOperator().get("/v1/ops/reconciliation").then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("mismatches.findAll { it.memberId != null && it.memberId >= 9001 "
                + "&& it.memberId <= 9040 }")).isEmpty();
        assertThat(report.getList("mismatches.findAll { it.kind.startsWith('BUDGET') || it.kind == 'BOOKS' }"))
                .isEmpty();
    }

    @Test
    void theReferenceCentresShareIsFourDecimals() {
        assertThat(onlineShare(6494, 3506)).isEqualTo("0.6494");
    }

    @Test
    void refusedAdmissionsAreCountedByCode() {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        tally.flush().await().atMost(Duration.ofSeconds(5));
        long before = refusals(today, "INVALID_PARAMETER");
        Member m = Fixtures.member(100_000);
        for (int i = 0; i < 2; i++) {
            m.api().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("category", "RENT", "bankCardId", m.cardId(), "faceVerificationId",
                            Fixtures.face(m).toString()))
                    .post("/v1/withdrawals").then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"));
        }
        tally.flush().await().atMost(Duration.ofSeconds(5));
        assertThat(refusals(today, "INVALID_PARAMETER")).isEqualTo(before + 2);
        JsonPath s = Api.asOperator().get("/v1/ops/stats/daily?date=" + today).then().statusCode(200)
                .extract().jsonPath();
        assertThat(s.getLong("refusalsByCode.find { it.code == 'INVALID_PARAMETER' }.count")).isEqualTo(before + 2);
    }

    private static long refusals(String day, String code) {
        return Db.queryLong("SELECT coalesce(sum(count), 0) FROM refusal_count WHERE day = DATE '" + day
                + "' AND code = '" + code + "'");
    }

    private static String onlineShare(long online, long counter) {
        return cn.hpf.mobile.ops.stats.DailyStatsService.onlineShareOf(online, counter).toPlainString();
    }

    private static UUID withdrawal(Member m, UUID face, String channel, String category, long amount, String status,
                                   String shanghaiTime, Integer paidAfterMs) {
        UUID id = UUID.randomUUID();
        String created = "TIMESTAMPTZ '" + DAY + " " + shanghaiTime + "+08'";
        Db.exec("INSERT INTO withdrawal (id, member_id, category, amount_fen, bank_card_id, face_verification_id, "
                + "status, budget_day, channel, actor, created_at, updated_at, paid_at) VALUES ('" + id + "', " + m.id()
                + ", '" + category + "', " + amount + ", " + m.cardId() + ", '" + face + "', '" + status + "', DATE '"
                + DAY + "', '" + channel + "', 'test', " + created + ", " + created + ", "
                + (paidAfterMs == null ? "NULL" : created + " + " + paidAfterMs + " * interval '1 millisecond'") + ")");
        return id;
    }

    private static UUID withdrawalAt(Member m, UUID face, String channel, long amount, String shanghaiTimestamp) {
        UUID id = UUID.randomUUID();
        Db.exec("INSERT INTO withdrawal (id, member_id, category, amount_fen, bank_card_id, face_verification_id, "
                + "status, budget_day, channel, actor, created_at) VALUES ('" + id + "', " + m.id() + ", 'RENT', "
                + amount + ", " + m.cardId() + ", '" + face + "', 'FAILED', DATE '" + DAY + "', '" + channel
                + "', 'test', TIMESTAMPTZ '" + shanghaiTimestamp + "+08')");
        return id;
    }

    private static void event(int sequence, String status, int attempts) {
        Db.exec("INSERT INTO channel_event (event_id, app_id, sequence, type, entity_id, data, created_at, "
                + "delivery_status, attempts, next_attempt_at) VALUES ('" + UUID.randomUUID() + "', '" + APP_ID
                + "', " + sequence + ", 'withdrawal.status_changed', '" + UUID.randomUUID() + "', '{}', TIMESTAMPTZ '"
                + DAY + " 12:00:00+08', '" + status + "', " + attempts + ", now() + interval '1 day')");
    }

    private static List<UUID> concat(List<UUID> a, List<UUID> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
