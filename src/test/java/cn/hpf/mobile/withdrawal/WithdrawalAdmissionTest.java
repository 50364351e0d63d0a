package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.support.Api.FROZEN;
import static cn.hpf.mobile.support.Api.LOW_INCOME;
import static cn.hpf.mobile.support.Api.OVERDUE_LOAN;
import static cn.hpf.mobile.support.Api.OWNER_WITH_LOAN;
import static cn.hpf.mobile.support.Api.RENTER;
import static cn.hpf.mobile.support.Api.RETIREE;
import static cn.hpf.mobile.support.Api.SEALED;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.available;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WithdrawalAdmissionTest extends PayoutsPausedTest {

    @Inject
    AcceptedEvents events;


    @BeforeEach
    void setUp() {
        AdmissionTestSupport.loadDemoFacts();
    }

    @Test
    void rentIsAcceptedHeldAndVisible() {
        long before = available(RENTER);
        UUID face = Fixtures.face(2, "WITHDRAWAL");
        Response r = post(RENTER, "rent-" + UUID.randomUUID(), body("RENT", 150000, 3L, face));
        r.then().statusCode(201)
                .body("status", equalTo("ACCEPTED"))
                .body("amountFen", equalTo(150000))
                .body("category", equalTo("RENT"))
                .body("createdAt", notNullValue())
                .header("Idempotent-Replayed", (String) null);
        assertThat(r.jsonPath().getMap("$").keySet(), contains("id", "status", "amountFen", "category", "createdAt"));
        String id = r.jsonPath().getString("id");

        assertThat(available(RENTER), equalTo(before - 150000L));
        assertThat(Fixtures.faceStatus(face), equalTo("CONSUMED"));
        assertThat(Db.queryLong("SELECT count(*) FROM payout_outbox WHERE withdrawal_id = '" + id + "'"), equalTo(1L));
        assertThat(Db.queryString("SELECT channel || '/' || actor || '/' || period_key FROM withdrawal WHERE id = '" + id + "'"), startsWith("APP/member:2/"));
        assertThat("the balance changes only when paid", Db.queryLong("SELECT count(*) FROM ledger_entry WHERE member_id = 2 AND type = 'WITHDRAWAL'"), equalTo(0L));

        Api.as(RENTER).get("/v1/withdrawals/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("ACCEPTED")).body("bankCardId", equalTo(3))
                .body("createdAt", equalTo(r.jsonPath().getString("createdAt")))
                .body("$", not(hasKey("loanId"))).body("$", not(hasKey("paidAt")));
        Api.as(SEALED).get("/v1/withdrawals/" + id).then().statusCode(404).body("code", equalTo("WITHDRAWAL_NOT_FOUND"));

        // once a month: a second RENT is over the category's cap, and leaves the new verification PASSED
        UUID second = Fixtures.face(2, "WITHDRAWAL");
        post(RENTER, body("RENT", 1000, 3L, second)).then().statusCode(422).body("code", equalTo("CATEGORY_CAP_EXCEEDED"));
        assertThat(Fixtures.faceStatus(second), equalTo("PASSED"));
    }

    @Test
    void wholeBalanceCategoriesPayExactlyTheAvailableBalance() {
        long retiree = available(RETIREE);
        rejected(RETIREE, body("RETIREMENT", retiree - 1, 6L, Fixtures.face(5, "WITHDRAWAL")), 422, "AMOUNT_MUST_EQUAL_AVAILABLE");
        post(RETIREE, body("RETIREMENT", retiree, 6L, Fixtures.face(5, "WITHDRAWAL"))).then().statusCode(201);
        assertThat(available(RETIREE), equalTo(0L));

        long sealed = available(SEALED);
        post(SEALED, body("LEFT_CITY_SEALED", sealed, 4L, Fixtures.face(3, "WITHDRAWAL"))).then().statusCode(201);
        long lowIncome = available(LOW_INCOME);
        post(LOW_INCOME, body("MIN_LIVING_ALLOWANCE", lowIncome, 9L, Fixtures.face(8, "WITHDRAWAL"))).then().statusCode(201);
    }

    @Test
    void purchaseIsCappedByThePriceAndLoanRepaymentPaysTheLoan() {
        rejected(Api.BUYER, body("PURCHASE", 250000001L, 8L, Fixtures.face(7, "WITHDRAWAL")), 422, "CATEGORY_CAP_EXCEEDED");
        post(Api.BUYER, body("PURCHASE", 500000, 8L, Fixtures.face(7, "WITHDRAWAL"))).then().statusCode(201);
        assertThat(Db.queryString("SELECT home_id FROM withdrawal WHERE member_id = 7 AND category = 'PURCHASE'"), equalTo("HZ-330105-0007"));

        // the overdue member may repay her loan; the payee is her single active loan
        String id = post(OVERDUE_LOAN, body("LOAN_REPAYMENT", 100000, null, Fixtures.face(6, "WITHDRAWAL")))
                .then().statusCode(201).extract().path("id");
        Api.as(OVERDUE_LOAN).get("/v1/withdrawals/" + id).then().statusCode(200)
                .body("loanId", equalTo(2)).body("$", not(hasKey("bankCardId")));
        Map<String, Object> withCard = body("LOAN_REPAYMENT", 100000, 7L, Fixtures.face(6, "WITHDRAWAL"));
        rejected(OVERDUE_LOAN, withCard, 400, "INVALID_PARAMETER");
        Map<String, Object> othersLoan = body("LOAN_REPAYMENT", 100000, null, Fixtures.face(6, "WITHDRAWAL"));
        othersLoan.put("loanId", 1);
        rejected(OVERDUE_LOAN, othersLoan, 404, "LOAN_NOT_FOUND");
        long aboveOutstanding = Db.queryLong("SELECT outstanding_principal_fen + 1 FROM loan WHERE id = 2");
        rejected(OVERDUE_LOAN, body("LOAN_REPAYMENT", aboveOutstanding, null, Fixtures.face(6, "WITHDRAWAL")), 422,
                "CATEGORY_CAP_EXCEEDED");
    }

    @Test
    void theAcceptedEventFollowsTheCommit() {
        Fixtures.Member m = Fixtures.member().balance(1_000_000).loan(90_000_000_000L).create();
        UUID id = UUID.fromString(post(m, loanRepayment(m, 1000)).then().statusCode(201).extract().path("id"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> events.seen(id));
        assertThat(Db.queryString("SELECT status FROM withdrawal WHERE id = '" + id + "'"), equalTo("ACCEPTED"));
    }

    @Test
    void malformedRequestsAre400() {
        Map<String, Object> ok = body("RENT", 1000, 3L, Fixtures.face(2, "WITHDRAWAL"));
        rejectedNoKey(ok);
        rejected(RENTER, body("RENT", 0, 3L, Fixtures.face(2, "WITHDRAWAL")), 400, "INVALID_PARAMETER");
        rejected(RENTER, body("RENT", -5, 3L, Fixtures.face(2, "WITHDRAWAL")), 400, "INVALID_PARAMETER");
        rejected(RENTER, body("RENT", 10_000_000_001L, 3L, Fixtures.face(2, "WITHDRAWAL")), 400, "INVALID_PARAMETER");
        rejected(RENTER, body("HOLIDAY", 1000, 3L, Fixtures.face(2, "WITHDRAWAL")), 400, "INVALID_PARAMETER");
        rejected(RENTER, body("RENT", 1000, null, Fixtures.face(2, "WITHDRAWAL")), 400, "INVALID_PARAMETER");
        Map<String, Object> badFace = body("RENT", 1000, 3L, null);
        badFace.put("faceVerificationId", "not-a-uuid");
        rejected(RENTER, badFace, 400, "INVALID_PARAMETER");
        Api.as(RENTER).contentType(ContentType.JSON).header("Idempotency-Key", "x".repeat(256)).body(ok)
                .post("/v1/withdrawals").then().statusCode(400).body("code", equalTo("IDEMPOTENCY_KEY_INVALID"));
    }

    @Test
    void othersCardsAndVerificationsAre404() {
        rejected(RENTER, body("RENT", 1000, 1L, Fixtures.face(2, "WITHDRAWAL")), 404, "BANK_CARD_NOT_FOUND");
        rejected(RENTER, body("RENT", 1000, 999999L, Fixtures.face(2, "WITHDRAWAL")), 404, "BANK_CARD_NOT_FOUND");
        rejected(RENTER, body("RENT", 1000, 3L, Fixtures.face(1, "WITHDRAWAL")), 404, "FACE_VERIFICATION_NOT_FOUND");
        rejected(RENTER, body("RENT", 1000, 3L, UUID.randomUUID()), 404, "FACE_VERIFICATION_NOT_FOUND");
    }

    @Test
    void businessRulesAre422AndChangeNothing() {
        rejected(FROZEN, body("RENT", 1000, 5L, Fixtures.face(4, "WITHDRAWAL")), 422, "ACCOUNT_NOT_ACTIVE");
        rejected(OVERDUE_LOAN, body("RENT", 1000, 7L, Fixtures.face(6, "WITHDRAWAL")), 422, "LOAN_OVERDUE");
        rejected(OWNER_WITH_LOAN, body("RENT", 1000, 1L, Fixtures.face(1, "WITHDRAWAL")), 422, "NOT_ELIGIBLE");
        rejected(OWNER_WITH_LOAN, body("RETIREMENT", 1000, 1L, Fixtures.face(1, "WITHDRAWAL")), 422, "NOT_ELIGIBLE");
        rejected(SEALED, body("RENT", 1000, 4L, Fixtures.face(3, "WITHDRAWAL")), 422, "NOT_ELIGIBLE");
        rejected(LOW_INCOME, body("PURCHASE", 1000, 9L, Fixtures.face(8, "WITHDRAWAL")), 422, "NOT_ELIGIBLE");
        rejected(RENTER, body("RENT", 100_000_000, 3L, Fixtures.face(2, "WITHDRAWAL")), 422, "CATEGORY_CAP_EXCEEDED");

        rejected(RENTER, body("RENT", 1000, 3L, Fixtures.pendingFace(2, "WITHDRAWAL")), 422,
                "FACE_VERIFICATION_REQUIRED");
        rejected(RENTER, body("RENT", 1000, 3L, Fixtures.failedFace(2, "WITHDRAWAL")), 422,
                "FACE_VERIFICATION_REQUIRED");
        rejected(RENTER, body("RENT", 1000, 3L, Fixtures.face(2, "PREPAYMENT")), 422, "FACE_VERIFICATION_REQUIRED");
        rejected(RENTER, body("RENT", 1000, 3L, Fixtures.staleFace(2, "WITHDRAWAL")), 422,
                "FACE_VERIFICATION_REQUIRED");

        Fixtures.Member m = Fixtures.member().balance(100000).loan(90_000_000_000L).create();
        rejected(m.memberNo(), loanRepayment(m, 100001), 422, "INSUFFICIENT_BALANCE");
    }

    @Test
    void aFaceVerificationAuthorizesOneWithdrawal() {
        Fixtures.Member m = Fixtures.member().balance(1_000_000).loan(90_000_000_000L).create();
        UUID face = Fixtures.face(m);
        Map<String, Object> first = body("LOAN_REPAYMENT", 1000, null, face);
        post(m, first).then().statusCode(201);
        rejected(m.memberNo(), body("LOAN_REPAYMENT", 2000, null, face), 422, "FACE_VERIFICATION_USED");
        assertThat(Fixtures.withdrawals(m), equalTo(1L));
        assertThat(Fixtures.held(m), equalTo(1000L));
    }

    @Test
    void listIsKeysetPaginatedNewestFirst() {
        Fixtures.Member m = Fixtures.member().balance(1_000_000).loan(90_000_000_000L).create();
        for (int i = 1; i <= 5; i++) {
            post(m, loanRepayment(m, i * 100)).then().statusCode(201);
        }
        var page1 = m.api().get("/v1/me/withdrawals?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(page1.getList("items.amountFen", Integer.class), contains(500, 400));
        var page2 = m.api().queryParam("limit", 2).queryParam("cursor", page1.getString("nextCursor"))
                .get("/v1/me/withdrawals").then().statusCode(200).extract().jsonPath();
        assertThat(page2.getList("items.amountFen", Integer.class), contains(300, 200));
        var page3 = m.api().queryParam("limit", 2).queryParam("cursor", page2.getString("nextCursor"))
                .get("/v1/me/withdrawals").then().statusCode(200).extract().jsonPath();
        assertThat(page3.getList("items.amountFen", Integer.class), contains(100));
        assertThat(page3.getString("nextCursor"), nullValue());
        assertThat(page3.getLong("items[0].loanId"), equalTo(m.loanId()));
        m.api().get("/v1/me/withdrawals?limit=0").then().statusCode(400);
        m.api().get("/v1/me/withdrawals?cursor=zzz").then().statusCode(400).body("code", equalTo("INVALID_CURSOR"));
    }

    @Test
    void categoryRulesAreDataReadFromTheDatabase() {
        assertThat(Db.queryString("SELECT string_agg(code, ',' ORDER BY sort_order) FROM withdrawal_category "
                        + "WHERE jsonb_array_length(data_sharing_proofs) > 0 AND jsonb_array_length(materials) > 0"),
                equalTo("RENT,RETIREMENT,PURCHASE,LOAN_REPAYMENT,MIN_LIVING_ALLOWANCE,LEFT_CITY_SEALED"));
        Db.exec("UPDATE withdrawal_category SET cap_accrual_months = 1 WHERE code = 'RENT'");
        try {
            // 2,000 CNY a month, one month of accrual: 3,000 CNY is over the cap once the cache refreshes (≤ 5 s).
            // Each attempt is a new renter (no home in the sandbox registry), as an early success uses up a month.
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> rentByANewMember(300000).statusCode() == 422);
            rentByANewMember(300000).then().statusCode(422).body("code", equalTo("CATEGORY_CAP_EXCEEDED"));
        } finally {
            Db.exec("UPDATE withdrawal_category SET cap_accrual_months = 12 WHERE code = 'RENT'");
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> rentByANewMember(300000).statusCode() == 201);
    }

    private static Response rentByANewMember(long amountFen) {
        Fixtures.Member m = Fixtures.member(5_000_000);
        return post(m, body("RENT", amountFen, m.cardId(), Fixtures.face(m)));
    }

    static Map<String, Object> loanRepayment(Fixtures.Member m, long amountFen) {
        return body("LOAN_REPAYMENT", amountFen, null, Fixtures.face(m));
    }

    /** Asserts the status and code, and that nothing was stored or held. */
    private static void rejected(String memberNo, Map<String, Object> body, int status, String code) {
        long memberId = Long.parseLong(memberNo.substring(4));
        Supplier<String> state = () -> Db.queryString("SELECT (SELECT count(*) FROM withdrawal WHERE member_id = "
                + memberId + ") || '/' || (SELECT held_fen FROM account WHERE member_id = " + memberId
                + ") || '/' || (SELECT count(*) FROM idempotency_record WHERE member_id = " + memberId + ")");
        String before = state.get();
        long availableBefore = available(memberNo);
        post(memberNo, body).then().statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
        assertThat("a rejection stores nothing", state.get(), equalTo(before));
        assertThat("a rejection holds nothing", available(memberNo), equalTo(availableBefore));
        Object face = body.get("faceVerificationId");
        if (face != null && status != 400 && !"FACE_VERIFICATION_USED".equals(code)) {
            String s = Db.queryString("SELECT status FROM face_verification WHERE id::text = '" + face + "'");
            assertThat(s, not(equalTo("CONSUMED")));
        }
    }

    private static void rejectedNoKey(Map<String, Object> body) {
        post(RENTER, null, body).then().statusCode(400).body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
    }
}
