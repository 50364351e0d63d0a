package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.available;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.account.EntryType;
import cn.hpf.mobile.account.LedgerRepository;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A withdrawal whose payout closes the account (RETIREMENT: the whole balance) needs nothing else held or in flight,
 * closes the account only when nothing is left in it after the posting, and follows the catalogue's flag, not the
 * category's name: no money is ever stranded in a CLOSED account.
 */
@QuarkusTest
class ClosingWithdrawalTest extends PayoutsPausedTest {

    private static final long BALANCE = 400_000;

    @Inject
    LedgerRepository ledger;
    @Inject
    CategoryCatalog catalog;

    @Test
    void aClosingWithdrawalIsRefusedWhileAnotherIsInFlight() {
        Fixtures.Member m = retiree();
        UUID purchase = Fixtures.withdrawal(m).amount(50_000).bankRejects("CARD_CLOSED").admit();
        // balance − held is exactly what is left: the old guard let it through, and the account would have closed
        // with the purchase's money coming back into it when the bank refused it.
        post(m, body("RETIREMENT", BALANCE - 50_000, m.cardId(), Fixtures.face(m))).then().statusCode(422)
                .body("code", equalTo("OTHER_WITHDRAWAL_IN_FLIGHT"));
        dispatcher.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(Fixtures.status(purchase)));
        post(m, body("RETIREMENT", BALANCE, m.cardId(), Fixtures.face(m))).then().statusCode(201);
    }

    @Test
    void interestPostedBetweenAdmissionAndPaymentStaysWithdrawableInsteadOfStrandedInAClosedAccount() {
        Fixtures.Member m = retiree();
        UUID retirement = UUID.fromString(post(m, body("RETIREMENT", BALANCE, m.cardId(), Fixtures.face(m))).then()
                .statusCode(201).extract().path("id"));
        ledger.post(m.id(), EntryType.INTEREST, 1_234, "结息 Annual interest settlement", "interest:" + m.id(),
                Caller.system("interest")).await().atMost(Duration.ofSeconds(5));
        dispatcher.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(Fixtures.status(retirement)));
        assertThat(status(m), equalTo("NORMAL"));
        assertThat(Fixtures.balance(m), equalTo(1_234L));
        assertThat(available(m), equalTo(1_234L));

        UUID rest = UUID.fromString(post(m, body("RETIREMENT", 1_234, m.cardId(), Fixtures.face(m))).then()
                .statusCode(201).extract().path("id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(Fixtures.status(rest)));
        assertThat(status(m), equalTo("CLOSED"));
        assertThat(Fixtures.balance(m), equalTo(0L));
    }

    @Test
    void closingFollowsTheCataloguesFlagNotTheCategorysName() {
        Fixtures.Member retiree = retiree();
        Fixtures.Member allowance = Fixtures.member().balance(BALANCE).minimumLivingAllowance().create();
        try {
            Db.exec("UPDATE withdrawal_category SET closes_account = (code = 'MIN_LIVING_ALLOWANCE') "
                    + "WHERE code IN ('RETIREMENT', 'MIN_LIVING_ALLOWANCE')");
            awaitCatalog(false);
            dispatcher.resume();
            UUID retirement = UUID.fromString(post(retiree, body("RETIREMENT", BALANCE, retiree.cardId(),
                    Fixtures.face(retiree))).then().statusCode(201).extract().path("id"));
            UUID minimum = UUID.fromString(post(allowance, body("MIN_LIVING_ALLOWANCE", BALANCE, allowance.cardId(),
                    Fixtures.face(allowance))).then().statusCode(201).extract().path("id"));
            await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(Fixtures.status(retirement))
                    && "PAID".equals(Fixtures.status(minimum)));
            assertThat(status(retiree), equalTo("NORMAL"));
            assertThat(status(allowance), equalTo("CLOSED"));
        } finally {
            Db.exec("UPDATE withdrawal_category SET closes_account = (code = 'RETIREMENT') "
                    + "WHERE code IN ('RETIREMENT', 'MIN_LIVING_ALLOWANCE')");
            awaitCatalog(true);
        }
    }

    @Test
    void moneyReturnedIntoAClosedAccountReopensItWithdrawable() {
        Fixtures.Member m = retiree();
        dispatcher.resume();
        UUID id = UUID.fromString(post(m, body("RETIREMENT", BALANCE, m.cardId(), Fixtures.face(m))).then()
                .statusCode(201).extract().path("id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(Fixtures.status(id)));
        assertThat(status(m), equalTo("CLOSED"));
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("reason", "ACCOUNT_CLOSED"))
                .post("/sandbox/bank/payouts/" + id + "/return").then().statusCode(200);
        assertThat(status(m), equalTo("SEALED"));
        post(m, body("RETIREMENT", BALANCE, m.cardId(), Fixtures.face(m))).then().statusCode(201);
    }

    private static Fixtures.Member retiree() {
        return Fixtures.member().balance(BALANCE).bornIn(1960).create();
    }

    private static String status(Fixtures.Member m) {
        return Db.queryString("SELECT status FROM account WHERE member_id = " + m.id());
    }

    /** The catalogue is cached in memory for a few seconds: wait until it shows the flag. */
    private void awaitCatalog(boolean retirementCloses) {
        await().atMost(Duration.ofSeconds(15)).until(() -> catalog.require("RETIREMENT").await().indefinitely()
                .closesAccount() == retirementCloses);
    }
}
