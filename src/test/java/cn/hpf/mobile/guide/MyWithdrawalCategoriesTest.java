package cn.hpf.mobile.guide;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The checklist for each demo member (README's table), read only: these GETs move no money. The demo members are
 * as seeded because this class runs before the withdrawal and loan tests, which move their money.
 */
@QuarkusTest
class MyWithdrawalCategoriesTest {

    private static final Set<String> ONLINE = Set.of("RENT", "RETIREMENT", "PURCHASE", "LOAN_REPAYMENT",
            "MIN_LIVING_ALLOWANCE", "LEFT_CITY_SEALED");

    private static Map<String, Map<String, Object>> mine(String memberNo) {
        JsonPath json = Api.as(memberNo).get("/v1/me/guide/withdrawal-categories").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> items = json.getList("items");
        return items.stream().collect(Collectors.toMap(i -> (String) i.get("category"), i -> i));
    }

    private static long available(String memberNo) {
        return Api.as(memberNo).get("/v1/me/account").then().statusCode(200).extract().jsonPath().getLong("availableFen");
    }

    private static long max(Map<String, Object> item) {
        return ((Number) item.get("maxAmountFen")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> reasons(Map<String, Object> item) {
        return (List<String>) item.get("reasons");
    }

    /** The categories the member may use now. */
    private static Set<String> eligible(Map<String, Map<String, Object>> mine) {
        return mine.values().stream().filter(i -> Boolean.TRUE.equals(i.get("eligible")))
                .map(i -> (String) i.get("category")).collect(Collectors.toSet());
    }

    @Test
    void theRenterMayWithdrawForRentUpToTheMonthlyCap() {
        Map<String, Map<String, Object>> mine = mine(Api.RENTER);
        assertThat(eligible(mine)).containsExactly("RENT");
        long monthlyCap = Db.queryLong("SELECT monthly_cap_fen FROM withdrawal_category WHERE code = 'RENT'");
        long months = Db.queryLong("SELECT cap_accrual_months FROM withdrawal_category WHERE code = 'RENT'");
        // No rent withdrawal yet and NORMAL for three years: the accrued months are capped.
        assertThat(max(mine.get("RENT"))).isEqualTo(Math.min(available(Api.RENTER), monthlyCap * months));
        assertThat(mine.get("RENT")).containsEntry("online", true).containsEntry("reasons", List.of())
                .containsEntry("toBring", List.of("身份证"));
        assertThat(reasons(mine.get("PURCHASE"))).containsExactly("NOT_ELIGIBLE");
        assertThat(reasons(mine.get("RETIREMENT"))).containsExactly("NOT_ELIGIBLE");
        assertThat(mine.get("PURCHASE")).containsEntry("maxAmountFen", 0);
        // Withdrawals made at an outlet are listed too, never eligible here.
        assertThat(mine.get("SERIOUS_ILLNESS")).containsEntry("online", false).containsEntry("eligible", false)
                .containsEntry("reasons", List.of("NOT_ONLINE"));
        assertThat(mine).hasSize(10);
    }

    @Test
    void theSealedMemberMayTakeHerWholeBalance() {
        Map<String, Map<String, Object>> mine = mine(Api.SEALED);
        assertThat(eligible(mine)).containsExactly("LEFT_CITY_SEALED");
        assertThat(max(mine.get("LEFT_CITY_SEALED"))).isEqualTo(available(Api.SEALED)).isPositive();
        assertThat(reasons(mine.get("RENT"))).containsExactly("NOT_ELIGIBLE");
    }

    @Test
    void theFrozenAccountMayWithdrawNothing() {
        Map<String, Map<String, Object>> mine = mine(Api.FROZEN);
        assertThat(eligible(mine)).isEmpty();
        for (String category : ONLINE) {
            assertThat(reasons(mine.get(category))).as(category).contains("ACCOUNT_NOT_ACTIVE");
            assertThat(max(mine.get(category))).isZero();
        }
        // Admission's order: a repayment first needs a loan to repay, and she has none.
        assertThat(reasons(mine.get("LOAN_REPAYMENT"))).containsExactly("NOT_ELIGIBLE", "ACCOUNT_NOT_ACTIVE");
        // All that apply, not just the first: her status is not among any category's allowed ones either.
        assertThat(reasons(mine.get("RENT"))).containsExactly("ACCOUNT_NOT_ACTIVE", "NOT_ELIGIBLE");
    }

    @Test
    void theRetireeTheLowIncomeMemberAndTheBuyer() {
        Map<String, Map<String, Object>> retiree = mine(Api.RETIREE);
        assertThat(eligible(retiree)).contains("RETIREMENT").doesNotContain("MIN_LIVING_ALLOWANCE", "LEFT_CITY_SEALED");
        assertThat(max(retiree.get("RETIREMENT"))).isEqualTo(available(Api.RETIREE)).isPositive();

        Map<String, Map<String, Object>> lowIncome = mine(Api.LOW_INCOME);
        assertThat(eligible(lowIncome)).contains("MIN_LIVING_ALLOWANCE").doesNotContain("RETIREMENT");
        assertThat(max(lowIncome.get("MIN_LIVING_ALLOWANCE"))).isEqualTo(available(Api.LOW_INCOME)).isPositive();

        Map<String, Map<String, Object>> buyer = mine(Api.BUYER);
        assertThat(eligible(buyer)).contains("PURCHASE");
        assertThat(max(buyer.get("PURCHASE"))).isEqualTo(Math.min(available(Api.BUYER), 250_000_000L));
    }

    @Test
    void anOverdueLoanLeavesOnlyItsRepaymentAndAHomeOwnerCannotRent() {
        Map<String, Map<String, Object>> overdue = mine(Api.OVERDUE_LOAN);
        assertThat(eligible(overdue)).containsExactly("LOAN_REPAYMENT");
        long outstanding = Db.queryLong("SELECT outstanding_principal_fen - pending_repayment_fen FROM loan WHERE id = 2");
        assertThat(max(overdue.get("LOAN_REPAYMENT"))).isEqualTo(Math.min(available(Api.OVERDUE_LOAN), outstanding));
        assertThat(reasons(overdue.get("RENT"))).first().isEqualTo("LOAN_OVERDUE");

        Map<String, Map<String, Object>> owner = mine(Api.OWNER_WITH_LOAN);
        assertThat(eligible(owner)).contains("LOAN_REPAYMENT").doesNotContain("RENT");
        assertThat(reasons(owner.get("RENT"))).containsExactly("NOT_ELIGIBLE");
        assertThat(((List<?>) owner.get("RENT").get("details")).get(0).toString()).contains("housing registry");
    }

    @Test
    void onlyTheMemberHerself() {
        given().get("/v1/me/guide/withdrawal-categories").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/v1/me/guide/withdrawal-categories").then().statusCode(401);
        Api.asOperator().get("/v1/me/guide/withdrawal-categories").then().statusCode(403);
        given().get("/v1/guide/withdrawal-categories").then().statusCode(200).body("items.size()", equalTo(10));
    }
}
