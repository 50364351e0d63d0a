package cn.hpf.mobile.account;

import static cn.hpf.mobile.support.Api.OWNER_WITH_LOAN;
import static cn.hpf.mobile.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class StatementTest {

    /** A member of this test's own, so that posting to its ledger disturbs no other test. */
    private static long MEMBER;
    private static String MEMBER_NO;

    @org.junit.jupiter.api.BeforeAll
    static void ownMember() {
        cn.hpf.mobile.support.Fixtures.Member m = cn.hpf.mobile.support.Fixtures.member().withHistory().create();
        MEMBER = m.id();
        MEMBER_NO = m.memberNo();
    }

    @Test
    void newestFirstWithBalancesThatAddUp() {
        JsonPath page = as(MEMBER_NO).queryParam("limit", 100).get("/v1/me/statements").then()
                .statusCode(200).extract().jsonPath();
        List<Long> ids = page.getList("items.id", Long.class);
        List<Long> amounts = page.getList("items.amountFen", Long.class);
        List<Long> after = page.getList("items.balanceAfterFen", Long.class);
        List<String> at = page.getList("items.occurredAt", String.class);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(14);
        for (int i = 0; i + 1 < ids.size(); i++) {
            assertThat(OffsetDateTime.parse(at.get(i))).isAfterOrEqualTo(OffsetDateTime.parse(at.get(i + 1)));
            assertThat(after.get(i)).isEqualTo(after.get(i + 1) + amounts.get(i));
        }
        assertThat(at.get(0)).endsWith("+08:00");
    }

    @Test
    void pagesWalkTheWholeLedgerOnceEvenWhileEntriesArePosted() throws Exception {
        Set<Long> before = new HashSet<>(allIds());
        AtomicBoolean paging = new AtomicBoolean(true);
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int posted = 0;
            while (paging.get() && posted < 200) {
                Db.exec("WITH acc AS (UPDATE account SET balance_fen = balance_fen + 100, version = version + 1 "
                        + "WHERE member_id = " + MEMBER + " RETURNING member_id, balance_fen) "
                        + "INSERT INTO ledger_entry (member_id, type, amount_fen, balance_after_fen, description) "
                        + "SELECT member_id, 'SUPPLEMENTARY_DEPOSIT', 100, balance_fen, '补缴 test' FROM acc");
                posted++;
            }
            return posted;
        });
        List<Long> walked = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(MEMBER_NO).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/me/statements").then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        paging.set(false);
        assertThat(writer.get()).isPositive();
        assertThat(walked).doesNotHaveDuplicates();
        // Everything that existed when paging began is seen; entries posted meanwhile may only appear first.
        assertThat(walked).containsAll(before);
    }

    @Test
    void filtersByTypeAndDays() {
        as(OWNER_WITH_LOAN).queryParam("type", "INTEREST").get("/v1/me/statements").then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items.type", everyItem(equalTo("INTEREST")))
                .body("nextCursor", nullValue());
        String day = Db.queryString("SELECT to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') "
                + "FROM ledger_entry WHERE member_id = 1 AND type = 'INTEREST'");
        as(OWNER_WITH_LOAN).queryParam("from", day).queryParam("to", day).get("/v1/me/statements").then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].type", equalTo("INTEREST"));
    }

    @ParameterizedTest
    @CsvSource({
            "limit, 0, INVALID_PARAMETER",
            "limit, 101, INVALID_PARAMETER",
            "limit, ten, INVALID_PARAMETER",
            "from, 2026-13-01, INVALID_PARAMETER",
            "to, yesterday, INVALID_PARAMETER",
            "to, +999999999-12-31, INVALID_PARAMETER",
            "from, +999999999-12-31, INVALID_PARAMETER",
            "to, -999999999-01-01, INVALID_PARAMETER",
            "from, 0000-01-01, INVALID_PARAMETER",
            "to, 1899-12-31, INVALID_PARAMETER",
            "to, 20261-01-01, INVALID_PARAMETER",
            "from, ２０２６-０１-０１, INVALID_PARAMETER",
            "type, SALARY, INVALID_PARAMETER",
            "cursor, bm90LWEtY3Vyc29y, INVALID_CURSOR",
            "cursor, %%%, INVALID_CURSOR"})
    void badParametersAre400NamingTheField(String field, String value, String code) {
        as(OWNER_WITH_LOAN).queryParam(field, value).get("/v1/me/statements").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo(code))
                .body("field", equalTo(field));
    }

    /** The extremes of what a date parameter takes: the last day (whose next day is asked for) is served. */
    @Test
    void theLastAcceptedDayIsServedNotA500() {
        as(OWNER_WITH_LOAN).queryParam("from", "1900-01-01").queryParam("to", "9999-12-31")
                .get("/v1/me/statements").then().statusCode(200);
    }

    @Test
    void fromAfterToIs400() {
        as(OWNER_WITH_LOAN).queryParam("from", "2026-05-02").queryParam("to", "2026-05-01")
                .get("/v1/me/statements").then().statusCode(400).body("field", equalTo("from"));
    }

    @Test
    void aMemberSeesOnlyHerOwnEntries() {
        List<Long> mine = as(Api.RENTER).queryParam("limit", 100).get("/v1/me/statements").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);
        long others = Db.queryLong("SELECT count(*) FROM ledger_entry WHERE member_id <> 2 AND id IN ("
                + String.join(",", mine.stream().map(String::valueOf).toList()) + ")");
        assertThat(others).isZero();
    }

    private List<Long> allIds() {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(MEMBER_NO).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/me/statements").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }
}
