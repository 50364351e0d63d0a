package cn.hpf.mobile.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.FastClient;
import cn.hpf.mobile.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every money and operator action appends its audit row with the action, refusals append none, nobody can change
 * the rows, and the seals detect whatever an attacker with the table owner's rights changes after sealing.
 */
@QuarkusTest
class AuditTest {

    private static final String OPERATOR = "operator:1";

    @Inject
    AuditSealJob sealer;

    @Test
    void aWithdrawalItsPayoutAndItsFailureAreAuditedWithTheirCallerAndARefusalIsNot() {
        Fixtures.Member m = Fixtures.member(1_000_000);
        UUID paid = Fixtures.withdrawal(m).amount(10_000).admit();
        UUID failed = Fixtures.withdrawal(m).amount(20_000).bankRejects("CARD_CLOSED").admit();
        await().atMost(Duration.ofSeconds(20)).until(() -> "PAID".equals(Fixtures.status(paid))
                && "FAILED".equals(Fixtures.status(failed)));

        assertThat(rows(paid)).isEqualTo("WITHDRAWAL_ADMITTED|member:" + m.id() + "|APP|-|127.0.0.1|10000|true|"
                + "ACCEPTED;PAYOUT_PAID|system:payout|SYSTEM|-|-|10000|true|PAID " + bankReference(paid));
        assertThat(rows(failed)).isEqualTo("WITHDRAWAL_ADMITTED|member:" + m.id() + "|APP|-|127.0.0.1|20000|true|"
                + "ACCEPTED;PAYOUT_FAILED|system:payout|SYSTEM|-|-|20000|true|FAILED CARD_CLOSED");

        // A refusal (the verification was used already) is answered and counted, and leaves no audit row.
        long before = Db.queryLong("SELECT count(*) FROM audit_log WHERE member_id = " + m.id());
        UUID used = UUID.fromString(Db.queryString("SELECT face_verification_id FROM withdrawal WHERE id = '"
                + paid + "'"));
        FastClient.Answer refused = FastClient.post("/v1/withdrawals", m.token(), UUID.randomUUID().toString(),
                Map.of("category", "PURCHASE", "amountFen", 5_000, "bankCardId", m.cardId(),
                        "faceVerificationId", used.toString()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(Db.queryLong("SELECT count(*) FROM audit_log WHERE member_id = " + m.id())).isEqualTo(before);
    }

    @Test
    void operatorActionsAreAuditedWithTheOperatorAndTheClientAddress() {
        long before = Db.queryLong("SELECT coalesce(max(id), 0) FROM audit_log");
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("reason", "audit test"))
                .post("/v1/ops/admissions/pause").then().statusCode(200);
        Api.asOperator().post("/v1/ops/admissions/resume").then().statusCode(200);

        assertThat(Db.queryString("SELECT string_agg(action || '|' || actor || '|' || channel || '|' || client_address "
                + "|| '|' || coalesce(reason, '-') || '|' || result || '|' || changed, ';' ORDER BY id) "
                + "FROM audit_log WHERE id > " + before)).isEqualTo(
                "ADMISSIONS_PAUSE|" + OPERATOR + "|OPS|127.0.0.1|audit test|CHANGED|true;"
                        + "ADMISSIONS_RESUME|" + OPERATOR + "|OPS|127.0.0.1|-|CHANGED|true");
        // The operators' history reads the same rows.
        assertThat(Db.queryLong("SELECT count(*) FROM operator_action WHERE id > " + before)).isEqualTo(2);
    }

    @Test
    void nobodyUpdatesDeletesOrTruncatesTheAuditOrItsSeals() {
        long id = operatorRow();
        sealThrough(id);
        for (String sql : List.of("UPDATE audit_log SET reason = 'rewritten' WHERE id = " + id,
                "DELETE FROM audit_log WHERE id = " + id, "TRUNCATE audit_log",
                "UPDATE audit_seal SET hash = 'x'", "DELETE FROM audit_seal", "TRUNCATE audit_seal")) {
            assertThatThrownBy(() -> Db.exec(sql)).as(sql).hasStackTraceContaining("append-only");
        }
    }

    @Test
    void theOperatorsReadTheAuditByMemberActionAndTimeNewestFirstPageByPage() {
        Fixtures.Member m = Fixtures.member(1_000_000);
        UUID first = Fixtures.withdrawal(m).amount(1_000).admit();
        UUID second = Fixtures.withdrawal(m).amount(2_000).admit();
        await().atMost(Duration.ofSeconds(20)).until(() -> "PAID".equals(Fixtures.status(second))
                && "PAID".equals(Fixtures.status(first)));

        JsonPath all = Api.asOperator().get("/v1/ops/audit?member=" + m.id()).then().statusCode(200)
                .extract().jsonPath();
        assertThat(all.getList("items.memberId", Long.class)).hasSize(4).containsOnly(m.id());
        List<Long> ids = all.getList("items.id", Long.class);
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(all.getString("nextCursor")).isNull();

        JsonPath page = Api.asOperator().get("/v1/ops/audit?member=" + m.id() + "&action=WITHDRAWAL_ADMITTED&limit=1")
                .then().statusCode(200).body("items[0].target", equalTo(second.toString()))
                .body("items[0].clientAddress", equalTo("127.0.0.1"))
                .body("items[0].channel", equalTo("APP")).extract().jsonPath();
        Api.asOperator().get("/v1/ops/audit?member=" + m.id() + "&action=WITHDRAWAL_ADMITTED&limit=1&cursor="
                        + page.getString("nextCursor"))
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].target", equalTo(first.toString()));
        Api.asOperator().get("/v1/ops/audit?member=" + m.id() + "&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")
                .then().statusCode(200).body("items.size()", equalTo(0));

        for (String bad : List.of("member=x", "action=drop table", "from=yesterday", "limit=0", "limit=501",
                "cursor=-1", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")) {
            Api.asOperator().get("/v1/ops/audit?" + bad).then().statusCode(400)
                    .contentType(startsWith("application/problem+json"));
        }
        m.api().get("/v1/ops/audit").then().statusCode(403);
    }

    @Test
    void sealsChainTheRowsAndVerificationFindsAnEditedRowADeletedRowAndAForgedSeal() throws Exception {
        long a = operatorRow();
        long sealA = sealThrough(a);
        long b = operatorRow();
        long sealB = sealThrough(b);
        assertThat(sealB).isGreaterThan(sealA);
        JsonPath ok = verify();
        assertThat(ok.getBoolean("ok")).isTrue();
        assertThat(ok.getLong("lastSeal.lastId")).isGreaterThanOrEqualTo(b);
        assertThat(ok.getLong("rowsChecked")).isGreaterThanOrEqualTo(2);

        String reason = Db.queryString("SELECT reason FROM audit_log WHERE id = " + a);
        // An edited row: its seal's rows no longer hash to what was sealed.
        attacker("UPDATE audit_log SET reason = 'rewritten' WHERE id = " + a);
        assertBroken(sealA, "ROWS_EDITED");
        attacker("UPDATE audit_log SET reason = " + literal(reason) + " WHERE id = " + a);
        assertThat(verify().getBoolean("ok")).isTrue();

        // A deleted row: its seal's range holds one row fewer.
        attacker("DROP TABLE IF EXISTS audit_attacker_copy; CREATE TABLE audit_attacker_copy AS "
                + "SELECT * FROM audit_log WHERE id = " + a + "; DELETE FROM audit_log WHERE id = " + a);
        assertBroken(sealA, "ROWS_MISSING_OR_ADDED");
        attacker("INSERT INTO audit_log OVERRIDING SYSTEM VALUE SELECT * FROM audit_attacker_copy; "
                + "DROP TABLE audit_attacker_copy");
        assertThat(verify().getBoolean("ok")).isTrue();

        // A forged seal: the row edited and its seal recomputed to match; without the key its MAC cannot be (and
        // the next seal no longer chains it either).
        String rowsHash = Db.queryString("SELECT rows_hash FROM audit_seal WHERE id = " + sealA);
        String hash = Db.queryString("SELECT hash FROM audit_seal WHERE id = " + sealA);
        attacker("UPDATE audit_log SET reason = 'rewritten' WHERE id = " + a + "; "
                + "UPDATE audit_seal s SET rows_hash = (SELECT encode(sha256(convert_to(string_agg("
                + "hpf_audit_row_text(x), E'\\n' ORDER BY x.id), 'UTF8')), 'hex') FROM audit_log x "
                + "WHERE x.id BETWEEN s.first_id AND s.last_id) WHERE s.id = " + sealA + "; "
                + "UPDATE audit_seal SET hash = hpf_audit_seal_hash(id, first_id, last_id, row_count, rows_hash, "
                + "previous_hash) WHERE id = " + sealA);
        assertBroken(sealA, "SEAL_FORGED");
        // A seal edited without recomputing its hash.
        attacker("UPDATE audit_seal SET hash = " + literal(hash) + " WHERE id = " + sealA);
        assertBroken(sealA, "SEAL_EDITED");
        attacker("UPDATE audit_log SET reason = " + literal(reason) + " WHERE id = " + a + "; "
                + "UPDATE audit_seal SET rows_hash = " + literal(rowsHash) + ", hash = " + literal(hash)
                + " WHERE id = " + sealA);
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @Test
    void aRewriteOfEverySealFromAnEditedRowToTheEndIsReportedAsForged() throws Exception {
        long a = operatorRow();
        long sealA = sealThrough(a);
        sealThrough(operatorRow());
        assertThat(verify().getBoolean("ok")).isTrue();
        String reason = Db.queryString("SELECT reason FROM audit_log WHERE id = " + a);

        // The owner edits a row and recomputes every seal from its own to the last, rows hash, chain and hash alike:
        // a plain hash chain holds again, but the owner cannot make the seals' MACs.
        attacker("DROP TABLE IF EXISTS audit_seal_attacker_copy; CREATE TABLE audit_seal_attacker_copy AS "
                + "SELECT * FROM audit_seal WHERE id >= " + sealA + "; "
                + "UPDATE audit_log SET reason = 'rewritten' WHERE id = " + a + "; "
                + "DO $$ DECLARE s record; prev text; BEGIN "
                + "SELECT coalesce((SELECT hash FROM audit_seal WHERE id = " + (sealA - 1) + "), repeat('0', 64)) "
                + "INTO prev; "
                + "FOR s IN SELECT id FROM audit_seal WHERE id >= " + sealA + " ORDER BY id LOOP "
                + "UPDATE audit_seal x SET previous_hash = prev, rows_hash = (SELECT encode(sha256(convert_to("
                + "coalesce(string_agg(hpf_audit_row_text(r), E'\n' ORDER BY r.id), ''), 'UTF8')), 'hex') "
                + "FROM audit_log r WHERE r.id BETWEEN x.first_id AND x.last_id) WHERE x.id = s.id; "
                + "UPDATE audit_seal SET hash = hpf_audit_seal_hash(id, first_id, last_id, row_count, rows_hash, "
                + "previous_hash) WHERE id = s.id RETURNING hash INTO prev; "
                + "END LOOP; END $$");
        assertBroken(sealA, "SEAL_FORGED");
        // Naming a key the application does not have is no way out either.
        attacker("UPDATE audit_seal SET key_id = 'attacker' WHERE id >= " + sealA);
        assertBroken(sealA, "SEAL_FORGED");

        attacker("UPDATE audit_log SET reason = " + literal(reason) + " WHERE id = " + a + "; "
                + "UPDATE audit_seal s SET previous_hash = c.previous_hash, rows_hash = c.rows_hash, hash = c.hash, "
                + "key_id = c.key_id FROM audit_seal_attacker_copy c WHERE c.id = s.id; "
                + "DROP TABLE audit_seal_attacker_copy");
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    /** The audit rows of one withdrawal in order: action, actor, channel, app, client, amount, face, result. */
    private static String rows(UUID withdrawal) {
        return Db.queryString("SELECT string_agg(a.action || '|' || a.actor || '|' || a.channel || '|' "
                + "|| coalesce(a.app_id, '-') || '|' || coalesce(a.client_address, '-') || '|' || a.amount_fen "
                + "|| '|' || (a.face_verification_id = w.face_verification_id) || '|' || a.result, ';' ORDER BY a.id) "
                + "FROM audit_log a JOIN withdrawal w ON w.id::text = a.target WHERE a.target = '" + withdrawal + "'");
    }

    private static String bankReference(UUID withdrawal) {
        return Db.queryString("SELECT bank_reference FROM withdrawal WHERE id = '" + withdrawal + "'");
    }

    /** Appends one operator row (resuming what runs changes nothing, and is audited) and answers its id. */
    private static long operatorRow() {
        long before = Db.queryLong("SELECT coalesce(max(id), 0) FROM audit_log");
        Api.asOperator().post("/v1/ops/admissions/resume").then().statusCode(200);
        return Db.queryLong("SELECT max(id) FROM audit_log WHERE action = 'ADMISSIONS_RESUME' AND id > " + before);
    }

    /** Seals until the row is sealed (once older than the test margin); answers the seal holding it. */
    private long sealThrough(long row) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            sealer.sealAll().await().atMost(Duration.ofSeconds(10));
            return Db.queryLong("SELECT coalesce(max(last_id), 0) FROM audit_seal") >= row;
        });
        return Db.queryLong("SELECT id FROM audit_seal WHERE " + row + " BETWEEN first_id AND last_id");
    }

    private static JsonPath verify() {
        return Api.asOperator().get("/v1/ops/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    private static void assertBroken(long seal, String reason) {
        JsonPath found = verify();
        assertThat(found.getBoolean("ok")).isFalse();
        assertThat(found.getLong("broken.sealId")).as(found.prettify()).isEqualTo(seal);
        assertThat(found.getString("broken.reason")).as(found.prettify()).isEqualTo(reason);
        assertThat(found.getLong("sealsChecked")).isEqualTo(seal - 1);
    }

    /** What the table owner can do: switch the append-only triggers off, change things, switch them on again. */
    private static void attacker(String sql) throws SQLException {
        try (Connection c = Db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("ALTER TABLE audit_log DISABLE TRIGGER USER; ALTER TABLE audit_seal DISABLE TRIGGER USER");
            st.execute(sql);
            st.execute("ALTER TABLE audit_log ENABLE TRIGGER USER; ALTER TABLE audit_seal ENABLE TRIGGER USER");
            c.commit();
        }
    }

    private static String literal(String s) {
        return s == null ? "NULL" : "'" + s.replace("'", "''") + "'";
    }
}
