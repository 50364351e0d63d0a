package cn.hpf.mobile.ops.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.payout.BankStatement;
import cn.hpf.mobile.payout.SandboxBank;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sandbox bank's daily statement file, reconciled with the centre's withdrawals of that day. Each test's
 * payouts are made through the normal path and then moved, bank records and all, to a past day of their own, so
 * that other tests' payouts of today do not count.
 */
@QuarkusTest
class BankStatementReconciliationTest {

    private static final String OPERATOR = "operator:1";

    @Inject
    SandboxBank bank;

    @Test
    void aNormalDayIsClean() throws IOException {
        LocalDate day = LocalDate.of(2011, 3, 1);
        Member m = Fixtures.member().withHistory().create();
        UUID paid = Fixtures.withdrawal(m).amount(12_300).admit();
        UUID rent = Fixtures.withdrawal(m).amount(4_500).category("RENT").admit();
        UUID refused = Fixtures.withdrawal(m).amount(800).bankRejects("CARD_CLOSED").admit();
        awaitFinished(paid, rent, refused);
        moveTo(day, paid, rent, refused);

        Api.asOperator().post("/sandbox/bank/statements?date=" + day).then().statusCode(200)
                .body("date", equalTo(day.toString())).body("lines", equalTo(3)).body("totalFen", equalTo(17_600));
        List<String> file = Files.readAllLines(bank.statementFile(day));
        assertThat(file).hasSize(5);
        assertThat(file.get(0)).isEqualTo("withdrawalId,amountFen,status,bankRef,settledAt");
        assertThat(file).anyMatch(l -> l.startsWith(refused + ",800,REJECTED,SBX"));
        assertThat(file.get(4)).isEqualTo("TRAILER,3,17600");
        long before = Db.queryLong("SELECT coalesce(max(id), 0) FROM operator_action");

        JsonPath result = reconcile(day).then().statusCode(200).extract().jsonPath();
        assertThat(result.getString("date")).isEqualTo(day.toString());
        assertThat(result.getBoolean("clean")).isTrue();
        assertThat(result.getString("checkedBy")).isEqualTo(OPERATOR);
        assertThat(result.getString("checkedAt")).isNotNull();
        assertThat(result.getMap("statement")).isEqualTo(Map.of("lines", 3, "totalFen", 17_600));
        assertThat(result.getMap("centre")).isEqualTo(Map.of("count", 3, "totalFen", 17_600));
        assertThat(result.getInt("mismatchCount")).isZero();
        assertThat(result.getList("mismatches")).isEmpty();
        assertThat(latest(day).then().statusCode(200).extract().jsonPath().getMap("")).isEqualTo(result.getMap(""));
        assertThat(Db.queryString("SELECT operator || '|' || action || '|' || target || '|' || outcome "
                + "FROM operator_action WHERE id > " + before))
                .isEqualTo(OPERATOR + "|BANK_STATEMENT_RECONCILE|" + day + "|clean");

        JsonPath stats = Api.asOperator().get("/v1/ops/stats/daily?date=" + day).then().statusCode(200)
                .extract().jsonPath();
        assertThat(stats.getBoolean("reconciliation.clean")).isTrue();
        assertThat(stats.getString("reconciliation.checkedAt")).isEqualTo(result.getString("checkedAt"));
        assertThat(stats.getBoolean("reconciliation.bankStatement.clean")).isTrue();
        assertThat(stats.getString("reconciliation.books")).isNull();
    }

    @Test
    void eachKindOfMismatchIsListedWithTheWithdrawalItConcerns() throws IOException {
        LocalDate day = LocalDate.of(2011, 3, 2);
        Member m = Fixtures.member().withHistory().create();
        UUID missing = Fixtures.withdrawal(m).amount(1_100).admit();
        UUID amount = Fixtures.withdrawal(m).amount(2_200).admit();
        UUID status = Fixtures.withdrawal(m).amount(3_300).admit();
        UUID fine = Fixtures.withdrawal(m).amount(4_400).admit();
        UUID stranger = UUID.randomUUID();
        awaitFinished(missing, amount, status, fine);
        moveTo(day, missing, amount, status, fine);

        // The bank's own records disagree on one amount; the file is then tampered with for the rest.
        Db.exec("UPDATE sandbox_bank_payment SET amount_fen = amount_fen + 5 WHERE withdrawal_id = '" + amount + "'");
        try {
            Api.asOperator().post("/sandbox/bank/statements?date=" + day).then().statusCode(200);
        } finally {
            Db.exec("UPDATE sandbox_bank_payment SET amount_fen = amount_fen - 5 WHERE withdrawal_id = '" + amount + "'");
        }
        tamper(day, lines -> {
            List<String> out = new ArrayList<>();
            for (String l : lines) {
                if (l.startsWith(missing.toString())) {
                    continue;
                }
                out.add(l.startsWith(status.toString()) ? l.replace(",PAID,", ",REJECTED,") : l);
            }
            out.add(stranger + ",9900,PAID,SBXSTRANGER,2011-03-02T04:00:00Z");
            return out;
        });

        JsonPath result = reconcile(day).then().statusCode(200).extract().jsonPath();
        assertThat(result.getBoolean("clean")).isFalse();
        assertThat(result.getMap("statement")).isEqualTo(Map.of("lines", 4, "totalFen", 2_205 + 3_300 + 4_400 + 9_900));
        assertThat(result.getMap("centre")).isEqualTo(Map.of("count", 4, "totalFen", 11_000));
        assertThat(result.getInt("mismatchCount")).isEqualTo(4);
        List<Map<String, Object>> found = result.getList("mismatches");
        assertThat(found).containsExactly(
                mismatch("AMOUNT_DIFFERS", amount, 2_200, 2_205, "PAID", "PAID"),
                mismatch("MISSING_AT_BANK", missing, 1_100, null, "PAID", null),
                mismatch("STATUS_DIFFERS", status, 3_300, 3_300, "PAID", "REJECTED"),
                mismatch("UNKNOWN_TO_CENTRE", stranger, null, 9_900, null, "PAID"));

        JsonPath stats = Api.asOperator().get("/v1/ops/stats/daily?date=" + day).then().statusCode(200)
                .extract().jsonPath();
        assertThat(stats.getBoolean("reconciliation.clean")).isFalse();
        assertThat(stats.getInt("reconciliation.mismatches")).isEqualTo(4);
        assertThat(stats.getInt("reconciliation.bankStatement.mismatches")).isEqualTo(4);

        // The bank delivers a corrected statement: the day's latest verdict is clean again.
        Api.asOperator().post("/sandbox/bank/statements?date=" + day).then().statusCode(200).body("lines", equalTo(4));
        reconcile(day).then().statusCode(200).body("clean", equalTo(true));
        latest(day).then().statusCode(200).body("clean", equalTo(true)).body("mismatches.size()", equalTo(0));
        assertThat(Db.queryLong("SELECT count(*) FROM bank_statement_run WHERE statement_date = DATE '" + day + "'"))
                .isEqualTo(2);
    }

    @Test
    void aMalformedFileIsRefusedWholeAndNothingIsStored() throws IOException {
        LocalDate day = LocalDate.of(2011, 3, 3);
        Api.asOperator().post("/sandbox/bank/statements?date=" + day).then().statusCode(200).body("lines", equalTo(0));
        Path file = bank.statementFile(day);
        Files.writeString(file, BankStatement.HEADER + "\n" + UUID.randomUUID() + ",12x,PAID,SBX1,2011-03-03T01:00:00Z\n"
                + "TRAILER,1,12\n");
        long before = Db.queryLong("SELECT coalesce(max(id), 0) FROM operator_action");

        reconcile(day).then().statusCode(502).contentType("application/problem+json")
                .body("code", equalTo("BANK_STATEMENT_MALFORMED"))
                .body("detail", containsString("line 2")).body("detail", containsString("amountFen"));
        Files.writeString(file, BankStatement.HEADER + "\nTRAILER,1,0\n");
        reconcile(day).then().statusCode(502).body("code", equalTo("BANK_STATEMENT_MALFORMED"))
                .body("detail", containsString("counts 1 lines"));
        assertThat(Db.queryLong("SELECT count(*) FROM bank_statement_run WHERE statement_date = DATE '" + day + "'"))
                .isZero();
        assertThat(Db.queryLong("SELECT count(*) FROM operator_action WHERE id > " + before)).isZero();
        latest(day).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("BANK_STATEMENT_NOT_AVAILABLE"));

        Files.delete(file);
        reconcile(day).then().statusCode(404).body("code", equalTo("BANK_STATEMENT_NOT_AVAILABLE"));
        Api.asOperator().post("/v1/ops/reconciliation/bank-statement?date=yesterday").then().statusCode(400)
                .body("field", equalTo("date"));
        Api.asOperator().get("/v1/ops/reconciliation/bank-statement").then().statusCode(400);
    }

    @Test
    void theDemoHistoryReconcilesCleanDayByDay() {
        // demo/ops-history.sql: 20 paid withdrawals on each of the last 7 Shanghai days, settled by the bank too.
        LocalDate day = LocalDate.now(cn.hpf.mobile.common.Zones.SHANGHAI).minusDays(3);
        Api.asOperator().post("/sandbox/bank/statements?date=" + day).then().statusCode(200);
        JsonPath result = reconcile(day).then().statusCode(200).extract().jsonPath();
        assertThat(result.getList("mismatches")).isEmpty();
        assertThat(result.getBoolean("clean")).isTrue();
        assertThat(result.getInt("statement.lines")).isEqualTo(result.getInt("centre.count")).isGreaterThanOrEqualTo(20);
        assertThat(result.getLong("statement.totalFen")).isEqualTo(result.getLong("centre.totalFen"));
    }

    @Test
    void operatorsOnly() {
        Api.as(Api.RENTER).post("/v1/ops/reconciliation/bank-statement?date=2011-03-01").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        Api.as(Api.RENTER).get("/v1/ops/reconciliation/bank-statement?date=2011-03-01").then().statusCode(403);
        Api.as(Api.RENTER).post("/sandbox/bank/statements?date=2011-03-01").then().statusCode(403);
        io.restassured.RestAssured.get("/v1/ops/reconciliation/bank-statement?date=2011-03-01").then().statusCode(401);
        // The books' own reconciliation still answers at its route next to this one.
        Api.asOperator().get("/v1/ops/reconciliation").then().statusCode(200);
    }

    private static Map<String, Object> mismatch(String kind, UUID id, Integer centre, Integer bank, String centreStatus,
                                                String bankStatus) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("kind", kind);
        m.put("withdrawalId", id.toString());
        m.put("centreAmountFen", centre);
        m.put("bankAmountFen", bank);
        m.put("centreStatus", centreStatus);
        m.put("bankStatus", bankStatus);
        return m;
    }

    private static io.restassured.response.Response reconcile(LocalDate day) {
        return Api.asOperator().post("/v1/ops/reconciliation/bank-statement?date=" + day);
    }

    private static io.restassured.response.Response latest(LocalDate day) {
        return Api.asOperator().get("/v1/ops/reconciliation/bank-statement?date=" + day);
    }

    private static void awaitFinished(UUID... ids) {
        String list = java.util.Arrays.stream(ids).map(id -> "'" + id + "'").collect(Collectors.joining(", "));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> Db.queryLong(
                "SELECT count(*) FROM withdrawal WHERE status IN ('PAID', 'FAILED') AND id IN (" + list + ")")
                == ids.length);
    }

    /** Moves these payouts, the centre's rows and the bank's, to noon of that Shanghai day. */
    private static void moveTo(LocalDate day, UUID... ids) {
        String list = java.util.Arrays.stream(ids).map(id -> "'" + id + "'").collect(Collectors.joining(", "));
        String shift = "(now() - TIMESTAMPTZ '" + day + " 12:00:00+08')";
        Db.exec("UPDATE withdrawal SET created_at = created_at - " + shift + ", paid_at = paid_at - " + shift
                + ", updated_at = updated_at - " + shift + " WHERE id IN (" + list + ")");
        Db.exec("UPDATE sandbox_bank_payment SET received_at = received_at - " + shift + ", settles_at = settles_at - "
                + shift + " WHERE withdrawal_id IN (" + list + ")");
    }

    /** Rewrites the statement's lines and a trailer that agrees with them: a well-formed file that lies. */
    private void tamper(LocalDate day, UnaryOperator<List<String>> change) throws IOException {
        Path file = bank.statementFile(day);
        List<String> lines = Files.readAllLines(file);
        List<String> body = change.apply(new ArrayList<>(lines.subList(1, lines.size() - 1)));
        long total = body.stream().mapToLong(l -> Long.parseLong(l.split(",")[1])).sum();
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        out.addAll(body);
        out.add("TRAILER," + body.size() + "," + total);
        Files.write(file, out);
    }
}
