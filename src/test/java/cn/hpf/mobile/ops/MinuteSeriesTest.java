package cn.hpf.mobile.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's per-minute series on minutes only this test writes to (a day of May 2018, the application's clock
 * set to 10:05:30 Shanghai): admissions, payouts, latency percentiles and the day's budget, gaps as zeros.
 */
@QuarkusTest
class MinuteSeriesTest {

    private static final String DAY = "2018-05-20";
    private final List<UUID> written = new ArrayList<>();

    @ConfigProperty(name = "hpf.admission.daily-budget-fen")
    long configuredBudget;

    @AfterEach
    void clean() {
        TestClock.reset();
        for (UUID id : written) {
            Db.exec("DELETE FROM withdrawal WHERE id = '" + id + "'");
        }
        Db.exec("DELETE FROM payout_budget_shard WHERE budget_day = DATE '" + DAY + "'");
        Db.exec("DELETE FROM payout_budget_day WHERE budget_day = DATE '" + DAY + "'");
    }

    @Test
    void operatorsOnlyAndTheLengthIsBounded() {
        Api.as(Api.RENTER).get("/v1/ops/stats/minutes").then().statusCode(403);
        Api.asOperator().get("/v1/ops/stats/minutes?last=0").then().statusCode(400).body("field", equalTo("last"));
        Api.asOperator().get("/v1/ops/stats/minutes?last=241").then().statusCode(400);
        Api.asOperator().get("/v1/ops/stats/minutes?last=ten").then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER"));
        JsonPath s = Api.asOperator().get("/v1/ops/stats/minutes").then().statusCode(200).extract().jsonPath();
        assertThat(s.getList("minutes")).hasSize(30);
    }

    @Test
    void eachMinuteCountsItsAdmissionsAndPayouts() {
        TestClock.setTo(OffsetDateTime.parse(DAY + "T10:05:30+08:00").toInstant());
        Member m = Fixtures.member(1_000_000);
        UUID face = Fixtures.face(m);
        withdrawal(m, face, 70_000, "PAID", "10:00:59.999", 500, false); // admitted before the window, paid in it
        withdrawal(m, face, 10_000, "PAID", "10:02:10", 1_000, false);
        withdrawal(m, face, 20_000, "PAID", "10:02:20", 3_000, false);
        withdrawal(m, face, 30_000, "PAID", "10:02:50", 15_000, false); // paid at 10:03:05
        withdrawal(m, face, 40_000, "PAID", "10:04:00", 10, true); // settled internally: no bank latency
        withdrawal(m, face, 50_000, "FAILED", "10:05:01", null, false);
        Db.exec("INSERT INTO payout_budget_day (budget_day, budget_fen, shards) VALUES (DATE '" + DAY
                + "', 1000000, 2)");
        Db.exec("INSERT INTO payout_budget_shard (budget_day, shard, reserved_fen, limit_fen) VALUES (DATE '" + DAY
                + "', 0, 60000, 500000), (DATE '" + DAY + "', 1, 30000, 500000)");

        JsonPath s = Api.asOperator().get("/v1/ops/stats/minutes?last=5").then().statusCode(200).extract().jsonPath();

        assertThat(s.getLong("todayBudgetFen")).isEqualTo(1_000_000);
        assertThat(s.getLong("todayBudgetUsedFen")).isEqualTo(90_000);
        assertThat(s.getList("minutes.minute")).containsExactly("2018-05-20T02:01:00Z", "2018-05-20T02:02:00Z",
                "2018-05-20T02:03:00Z", "2018-05-20T02:04:00Z", "2018-05-20T02:05:00Z");
        assertThat(s.getList("minutes.count")).containsExactly(0, 3, 0, 1, 1);
        assertThat(s.getList("minutes.amountFen")).containsExactly(0, 60_000, 0, 40_000, 50_000);
        assertThat(s.getList("minutes.paidCount")).containsExactly(1, 2, 1, 1, 0);
        assertThat(s.getList("minutes.paidFen")).containsExactly(70_000, 30_000, 30_000, 40_000, 0);
        assertThat(s.getList("minutes.latencyP50")).containsExactly(500, 1_000, 15_000, null, null);
        assertThat(s.getList("minutes.latencyP95")).containsExactly(500, 3_000, 15_000, null, null);
        assertThat(s.getList("minutes.latencyP99")).containsExactly(500, 3_000, 15_000, null, null);

        // Before the first admission of a day fixes its budget, the configured one (the test profile's).
        Db.exec("DELETE FROM payout_budget_shard WHERE budget_day = DATE '" + DAY + "'");
        Db.exec("DELETE FROM payout_budget_day WHERE budget_day = DATE '" + DAY + "'");
        JsonPath unfixed = Api.asOperator().get("/v1/ops/stats/minutes?last=1").then().statusCode(200).extract()
                .jsonPath();
        assertThat(unfixed.getLong("todayBudgetFen")).isEqualTo(configuredBudget);
        assertThat(unfixed.getLong("todayBudgetUsedFen")).isZero();
        assertThat(unfixed.getList("minutes.count")).containsExactly(1);
    }

    private void withdrawal(Member m, UUID face, long amount, String status, String shanghaiTime,
                            Integer paidAfterMs, boolean internally) {
        UUID id = UUID.randomUUID();
        written.add(id);
        String created = "TIMESTAMPTZ '" + DAY + " " + shanghaiTime + "+08'";
        Db.exec("INSERT INTO withdrawal (id, member_id, category, amount_fen, bank_card_id, face_verification_id, "
                + "status, budget_day, channel, actor, created_at, updated_at, paid_at, settled_internally) VALUES ('"
                + id + "', " + m.id() + ", 'RENT', " + amount + ", " + m.cardId() + ", '" + face + "', '" + status
                + "', DATE '" + DAY + "', 'APP', 'test', " + created + ", " + created + ", "
                + (paidAfterMs == null ? "NULL" : created + " + " + paidAfterMs + " * interval '1 millisecond'") + ", "
                + internally + ")");
    }
}
