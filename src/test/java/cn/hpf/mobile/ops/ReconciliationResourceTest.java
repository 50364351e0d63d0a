package cn.hpf.mobile.ops;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import cn.hpf.mobile.common.redis.RedisKeys;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReconciliationResourceTest {

    @Inject
    RedisDataSource redis;

    @Test
    void operatorsOnly() {
        Api.as(Api.RENTER).get("/v1/ops/reconciliation").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        io.restassured.RestAssured.get("/v1/ops/reconciliation").then().statusCode(401);
    }

    @Test
    void reportsTotalsThatBalance() {
        JsonPath report = report();
        assertThat(report.get("checkedAt"), notNullValue());
        long in = report.getLong("totals.depositsFen") + report.getLong("totals.supplementaryDepositsFen")
                + report.getLong("totals.interestFen") + report.getLong("totals.transfersInFen")
                + report.getLong("totals.returnedFen");
        long out = report.getLong("totals.withdrawalsFen") + report.getLong("totals.autoTransfersFen")
                + report.getLong("totals.transfersOutFen") + report.getLong("totals.balancesFen");
        assertThat(in, equalTo(out));
        assertThat(report.getLong("totals.depositsFen") > 0, equalTo(true));
    }

    @Test
    void detectsARedisCopyNewerThanPostgresWithAWrongBalance() {
        Member m = Fixtures.member().withHistory().create();
        m.api().get("/v1/me/account").then().statusCode(200); // fills the Redis copy
        long version = Db.queryLong("SELECT version FROM account WHERE member_id = " + m.id());
        String key = RedisKeys.account(m.id());
        try {
            redis.hash(String.class).hset(key, Map.of("v", Long.toString(version + 5), "bal", "1"));
            JsonPath report = report();
            assertThat(report.getBoolean("clean"), equalTo(false));
            List<Map<String, Object>> found = report.getList("mismatches.findAll { it.memberId == " + m.id() + " }");
            assertThat(found.size(), equalTo(1));
            assertThat(found.get(0).get("kind"), equalTo("REDIS_AHEAD_OF_POSTGRES"));
            assertThat(((Number) found.get(0).get("expected")).longValue(), equalTo(version));
            assertThat(((Number) found.get(0).get("actual")).longValue(), equalTo(version + 5));
        } finally {
            redis.key().del(key);
        }
        assertThat(report().getList("mismatches.memberId"), org.hamcrest.Matchers.not(hasItem((int) m.id())));
    }

    @Test
    void detectsABalanceThatIsNotTheSumOfItsEntries() {
        Member m = Fixtures.member().withHistory().create();
        // Bypass the ledger on purpose (as a faulty job would); restored below.
        Db.exec("UPDATE account SET balance_fen = balance_fen + 1 WHERE member_id = " + m.id());
        try {
            JsonPath report = report();
            assertThat(report.getBoolean("clean"), equalTo(false));
            assertThat(report.getList("mismatches.findAll { it.memberId == " + m.id() + " }.kind"),
                    equalTo(List.of("ACCOUNT_BALANCE_VS_LEDGER")));
            assertThat(report.getList("mismatches.kind"), hasItem("BOOKS"));
        } finally {
            Db.exec("UPDATE account SET balance_fen = balance_fen - 1 WHERE member_id = " + m.id());
        }
    }

    @Test
    void detectsAPaidWithdrawalWithoutItsEntryAndAnOpenOneWithoutItsHold() {
        Member m = Fixtures.member().withHistory().create();
        java.util.UUID id = java.util.UUID.randomUUID();
        // Written PAID behind the payout's back (the state machine refuses such an update, so the corruption is
        // inserted whole): no WITHDRAWAL entry, no bank payment; and a hold no open withdrawal accounts for.
        Db.exec("INSERT INTO withdrawal (id, member_id, category, amount_fen, bank_card_id, face_verification_id, "
                + "status, budget_day, channel, actor) VALUES ('" + id + "', " + m.id() + ", 'RENT', 100, " + m.cardId()
                + ", '" + Fixtures.face(m) + "', 'PAID', current_date, 'APP', 'test')");
        Db.exec("UPDATE account SET held_fen = held_fen + 100 WHERE member_id = " + m.id());
        try {
            JsonPath report = report();
            List<String> kinds = report.getList("mismatches.findAll { it.withdrawalId == '" + id + "' }.kind");
            assertThat(kinds.contains("WITHDRAWAL_VS_LEDGER"), equalTo(true));
            assertThat(kinds.contains("WITHDRAWAL_VS_BANK"), equalTo(true));
            assertThat(report.getList("mismatches.findAll { it.memberId == " + m.id() + " }.kind"),
                    hasItem("ACCOUNT_HELD_VS_OPEN_WITHDRAWALS"));
        } finally {
            Db.exec("DELETE FROM withdrawal WHERE id = '" + id + "'");
            Db.exec("UPDATE account SET held_fen = held_fen - 100 WHERE member_id = " + m.id());
        }
    }

    private static JsonPath report() {
        return Api.asOperator().get("/v1/ops/reconciliation").then().statusCode(200).extract().jsonPath();
    }
}
