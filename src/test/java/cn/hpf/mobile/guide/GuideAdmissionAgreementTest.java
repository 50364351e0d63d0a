package cn.hpf.mobile.guide;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The member's checklist and admission agree: for members of many profiles and every online category, the
 * checklist says eligible exactly when a real withdrawal (through the API, face-verified) of its maxAmountFen is
 * accepted, and when it says not eligible, admission refuses with the first of its reasons. Members try the
 * categories one after the other, so what an accepted withdrawal changes (balance, held amount, the month's rent)
 * is judged by the next one. Payouts wait meanwhile, so the state does not move between the two answers.
 */
@QuarkusTest
class GuideAdmissionAgreementTest {

    private static final List<String> CATEGORIES = List.of("RENT", "RETIREMENT", "PURCHASE", "LOAN_REPAYMENT",
            "MIN_LIVING_ALLOWANCE", "LEFT_CITY_SEALED");
    private static final Set<String> WHOLE_BALANCE = Set.of("RETIREMENT", "MIN_LIVING_ALLOWANCE", "LEFT_CITY_SEALED");

    @Inject
    PayoutDispatcher payouts;

    @BeforeEach
    void holdPayouts() {
        payouts.pause();
    }

    @AfterEach
    void releasePayouts() {
        payouts.resume();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    private record Verdict(boolean eligible, List<String> reasons, long maxAmountFen) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Verdict> mine(Member m) {
        List<Map<String, Object>> items = m.api().get("/v1/me/guide/withdrawal-categories").then().statusCode(200)
                .extract().jsonPath().getList("items");
        Map<String, Verdict> byCategory = new LinkedHashMap<>();
        for (Map<String, Object> i : items) {
            byCategory.put((String) i.get("category"), new Verdict((Boolean) i.get("eligible"),
                    (List<String>) i.get("reasons"), ((Number) i.get("maxAmountFen")).longValue()));
        }
        return byCategory;
    }

    private static long available(Member m) {
        return m.api().get("/v1/me/account").then().statusCode(200).extract().jsonPath().getLong("availableFen");
    }

    private static Response withdraw(Member m, String category, long amountFen, UUID face) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", category);
        body.put("amountFen", amountFen);
        if (!"LOAN_REPAYMENT".equals(category)) {
            body.put("bankCardId", m.cardId());
        }
        body.put("faceVerificationId", face.toString());
        return m.api().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).post("/v1/withdrawals");
    }

    /** Tries every category for the member; answers how many were accepted and checks each against the checklist. */
    private static int agree(String profile, Member m, List<String> log) {
        int accepted = 0;
        UUID face = Fixtures.face(m);
        Map<String, Verdict> mine = mine(m);
        for (String category : CATEGORIES) {
            Verdict v = mine.get(category);
            boolean whole = !v.eligible() && WHOLE_BALANCE.contains(category);
            long available = whole ? available(m) : -1;
            long amount = v.eligible() ? v.maxAmountFen() : whole ? Math.max(available, 1) : 1;
            Response r = withdraw(m, category, amount, face);
            String what = profile + " " + category + " " + v + " → " + r.statusCode() + " " + r.asString();
            log.add(what);
            if (v.eligible()) {
                assertThat(r.statusCode()).as(what).isEqualTo(201);
                accepted++;
                face = Fixtures.face(m);
                mine = mine(m);
                continue;
            }
            assertThat(r.statusCode()).as(what).isEqualTo(422);
            String code = r.jsonPath().getString("code");
            // Nothing left of a whole-balance category: admission can only be asked for 1 fen, which it refuses
            // as not the whole balance; the checklist says plainly that nothing is available.
            if (whole && available == 0 && "AMOUNT_MUST_EQUAL_AVAILABLE".equals(code)) {
                code = "INSUFFICIENT_BALANCE";
            }
            assertThat(v.reasons()).as(what).isNotEmpty().contains(code);
            assertThat(v.reasons().get(0)).as(what + ": the first reason is admission's").isEqualTo(code);
        }
        return accepted;
    }

    @Test
    void theChecklistSaysEligibleExactlyWhenAdmissionAccepts() {
        Map<String, Member> members = new LinkedHashMap<>();
        // Rent, then buying with what is left; retirement meanwhile is refused for the rent still being paid.
        members.put("renter who also buys", Fixtures.member().balance(3_000_000).create());
        members.put("retiree", Fixtures.member().balance(900_000).bornIn(1960).ownsHomeInCity()
                .withoutPurchaseContract().create());
        members.put("retiree with a loan", Fixtures.member().balance(900_000).bornIn(1960).ownsHomeInCity()
                .withoutPurchaseContract().loan(300_000).create());
        members.put("sealed 8 months", Fixtures.member().balance(1_200_000).status("SEALED", today().minusMonths(8))
                .withoutPurchaseContract().create());
        members.put("sealed 2 months, buying near the price", Fixtures.member().balance(1_200_000)
                .status("SEALED", today().minusMonths(2)).purchaseContract(500_000).create());
        members.put("frozen", Fixtures.member().balance(1_000_000).status("FROZEN", today().minusMonths(1)).create());
        members.put("minimum living allowance", Fixtures.member().balance(400_000).minimumLivingAllowance()
                .ownsHomeInCity().withoutPurchaseContract().create());
        Member overdue = Fixtures.member().balance(700_000).loan(2_000_000).withoutPurchaseContract().create();
        Db.exec("UPDATE loan SET overdue_periods = 1, overdue_amount_fen = 350000 WHERE id = " + overdue.loanId());
        members.put("overdue loan", overdue);
        members.put("nothing available", Fixtures.member().balance(0).create());
        Member rented = Fixtures.member().balance(1_000_000).withoutPurchaseContract().create();
        Fixtures.withdrawal(rented).category("RENT").amount(100_000).admit();
        members.put("renter who rented this month", rented);

        List<String> log = new ArrayList<>();
        int accepted = 0;
        for (Map.Entry<String, Member> e : members.entrySet()) {
            accepted += agree(e.getKey(), e.getValue(), log);
        }
        // The profiles reach both answers many times over: accepted and refused for each kind of reason.
        assertThat(accepted).as(String.join("\n", log)).isEqualTo(8);
        assertThat(String.join("\n", log)).contains("\"code\":\"NOT_ELIGIBLE\"", "\"code\":\"ACCOUNT_NOT_ACTIVE\"",
                "\"code\":\"LOAN_OVERDUE\"", "\"code\":\"CATEGORY_CAP_EXCEEDED\"", "\"code\":\"INSUFFICIENT_BALANCE\"",
                "\"code\":\"OTHER_WITHDRAWAL_IN_FLIGHT\"");

        // Rent once a month: the renter's second try is refused, and her checklist said so.
        Member renter = members.get("renter who also buys");
        assertThat(mine(renter).get("RENT").reasons()).contains("CATEGORY_CAP_EXCEEDED");
    }
}
