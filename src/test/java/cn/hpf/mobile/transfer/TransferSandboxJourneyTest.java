package cn.hpf.mobile.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.common.idempotency.Idempotency;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Both halves end to end against the sandbox platform, which signs its notifications, delivers them late and here
 * delivers every one of them twice: the money moves once.
 */
@QuarkusTest
@TestProfile(TransferSandboxJourneyTest.EveryNotificationTwice.class)
class TransferSandboxJourneyTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    public static class EveryNotificationTwice implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.transfer.sandbox.duplicate-every", "1");
        }
    }

    @Test
    void aBalanceAtAnotherCentreIsCreditedOnceThroughThePlatform() {
        Member m = Fixtures.member(100_000);
        String account = "SH" + m.id();
        originAccount("310000", account, m, 250_000, false);
        String id = requestIn(m, "310000", account);
        awaitIn(m, id, "CREDITED");
        m.api().get("/v1/me/transfers-in/" + id).then().body("amountFen", equalTo(250_000));
        assertThat(Fixtures.balance(m)).isEqualTo(350_000);
        assertThat(Db.queryLong("SELECT count(*) FROM ledger_entry WHERE member_id = " + m.id()
                + " AND type = 'TRANSFER_IN' AND reference IS NOT NULL AND reference NOT LIKE 'fixture:%'"))
                .isEqualTo(1);
        TransferOutTest.assertBooksBalance();
    }

    @Test
    void theOriginCentresRefusalsReachTheMemberWithTheirReasons() {
        Member m = Fixtures.member(0);
        originAccount("110000", "BJ" + m.id(), m, 90_000, true);
        String frozen = requestIn(m, "110000", "BJ" + m.id());
        awaitIn(m, frozen, "REJECTED");
        m.api().get("/v1/me/transfers-in/" + frozen).then().body("reasonCode", equalTo("ORIGIN_ACCOUNT_FROZEN"));
        String unknown = requestIn(m, "440300", "SZ-NONE-" + m.id());
        awaitIn(m, unknown, "REJECTED");
        m.api().get("/v1/me/transfers-in/" + unknown).then().body("reasonCode", equalTo("ORIGIN_ACCOUNT_NOT_FOUND"));
        assertThat(Fixtures.balance(m)).isZero();
    }

    @Test
    void anotherCentresRequestIsHeldThenPostedOnceAndTheAccountCloses() {
        Member m = Fixtures.member(480_000);
        String tid = startTransferOut(m, "CONFIRM");
        awaitOut(m, "POSTED");
        assertThat(Fixtures.balance(m)).isZero();
        assertThat(Db.queryString("SELECT status FROM account WHERE member_id = " + m.id())).isEqualTo("CLOSED");
        assertThat(Db.queryLong("SELECT count(*) FROM ledger_entry WHERE type = 'TRANSFER_OUT' AND reference = '"
                + tid + "'")).isEqualTo(1);
        Api.asOperator().get("/sandbox/transfer-platform/transfers/" + tid).then().statusCode(200)
                .body("state", equalTo("CONFIRMED"));
        TransferOutTest.assertBooksBalance();
    }

    @Test
    void aCancelledTransferOutGivesTheMoneyBack() {
        Member m = Fixtures.member(210_000);
        startTransferOut(m, "CANCEL");
        awaitOut(m, "VOIDED");
        assertThat(Fixtures.balance(m)).isEqualTo(210_000);
        assertThat(Fixtures.held(m)).isZero();
        m.api().get("/v1/me/account").then().body("availableFen", equalTo(210_000));
    }

    private static void originAccount(String centre, String account, Member m, long balanceFen, boolean frozen) {
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("centreCode", centre, "accountNo", account,
                        "idNumber", m.idNumber(), "name", "测试" + m.id(), "balanceFen", balanceFen, "frozen", frozen))
                .post("/sandbox/transfer-platform/origin-accounts").then().statusCode(200);
    }

    private static String requestIn(Member m, String centre, String account) {
        return m.api().contentType(ContentType.JSON).header(Idempotency.HEADER, UUID.randomUUID().toString())
                .body(Map.of("originCentreCode", centre, "originAccountNo", account)).post("/v1/me/transfers-in")
                .then().statusCode(201).extract().path("id");
    }

    private static String startTransferOut(Member m, String outcome) {
        return Api.asOperator().contentType(ContentType.JSON).body(Map.of("accountNo", m.memberNo(),
                        "idNumber", m.idNumber(), "destinationCentreCode", "310000", "destinationAccountNo", "SH-NEW",
                        "outcome", outcome))
                .post("/sandbox/transfer-platform/transfers-out").then().statusCode(201).extract().path("transferId");
    }

    private static void awaitIn(Member m, String id, String status) {
        Awaitility.await().atMost(WAIT).until(() -> status.equals(
                m.api().get("/v1/me/transfers-in/" + id).then().statusCode(200).extract().path("status")));
    }

    private static void awaitOut(Member m, String status) {
        Awaitility.await().atMost(WAIT).until(() -> status.equals(
                m.api().get("/v1/me/transfers-out").then().statusCode(200).extract().path("items[0].status")));
    }
}
