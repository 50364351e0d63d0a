package cn.hpf.mobile.account;

import static cn.hpf.mobile.support.Api.OWNER_WITH_LOAN;
import static cn.hpf.mobile.support.Api.SEALED;
import static cn.hpf.mobile.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import cn.hpf.mobile.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountResourceTest {

    @Test
    void showsTheCallersAccountWithBalanceEqualToTheLedger() {
        long ledgerSum = Db.queryLong("SELECT sum(amount_fen) FROM ledger_entry WHERE member_id = 1");
        as(OWNER_WITH_LOAN).get("/v1/me/account").then()
                .statusCode(200)
                .body("memberId", equalTo(1))
                .body("name", equalTo("张伟"))
                .body("maskedIdNumber", equalTo("3301**********1234"))
                .body("status", equalTo("NORMAL"))
                .body("balanceFen", equalTo((int) ledgerSum))
                .body("depositBaseFen", equalTo(1200000))
                .body("employerRate", equalTo(0.12f))
                .body("monthlyDepositFen", equalTo(288000))
                .body("idNumber", nullValue());
    }

    @Test
    void sealedAccountShowsItsStatus() {
        as(SEALED).get("/v1/me/account").then().statusCode(200).body("status", equalTo("SEALED"));
    }
}
