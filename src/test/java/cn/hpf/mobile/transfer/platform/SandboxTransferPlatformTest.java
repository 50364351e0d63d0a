package cn.hpf.mobile.transfer.platform;

import static cn.hpf.mobile.support.Api.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.transfer.platform.TransferPlatform.TransferInSubmission;
import cn.hpf.mobile.transfer.platform.TransferPlatform.TransferOutAnswer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sandbox platform end to end: its notifications reach the money side through the signed callback path. */
@QuarkusTest
@TestProfile(TransferPlatformProfile.class)
class SandboxTransferPlatformTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    @Inject
    TransferPlatform platform;

    @Inject
    RecordingTransferCallbacks callbacks;

    @Test
    void theSandboxIsThePlatformInTheSandbox() {
        assertThat(io.quarkus.arc.ClientProxy.unwrap(platform)).isInstanceOf(SandboxTransferPlatform.class);
    }

    @Test
    void aTransferInIsConfirmedThenSettledWithTheWholeBalanceAndEmptiesTheOriginAccount() {
        String account = originAccount("310000", "330109199502284321", 5_230_000, false);
        UUID request = UUID.randomUUID();
        String id = submit(request, "310000", account, "330109199502284321");
        assertThat(id).matches("NTP[0-9]{8}[0-9A-F]{12}");

        await().atMost(WAIT).until(() -> callbacks.appliedTypes(id).size() >= 2);
        List<PlatformCallback> got = callbacks.applied(id);
        assertThat(got).extracting(PlatformCallback::type)
                .containsExactly("TRANSFER_IN_CONFIRMED", "TRANSFER_IN_SETTLED");
        assertThat(got).allSatisfy(c -> {
            assertThat(c.amountFen()).isEqualTo(5_230_000L);
            assertThat(c.requestId()).isEqualTo(request.toString());
            assertThat(c.occurredAt()).isNotNull();
        });
        assertThat(Db.queryLong("SELECT balance_fen FROM sandbox_transfer_account WHERE account_no = '" + account
                + "'")).isZero();
        await().atMost(WAIT).untilAsserted(() -> view(id).body("state", equalTo("SETTLED"))
                .body("direction", equalTo("IN")).body("amountFen", equalTo(5_230_000))
                .body("deliveries.size()", equalTo(2)).body("deliveries[1].lastStatus", equalTo(204)));

        // A second transfer-in of the same account now finds it empty.
        String again = submit(UUID.randomUUID(), "310000", account, "330109199502284321");
        assertRejected(again, "NOTHING_TO_TRANSFER");
    }

    @Test
    void eachRefusalOfTheOriginCentreIsReportedWithItsReason() {
        String idNumber = "330109199502284321";
        assertRejected(submit(UUID.randomUUID(), "310000", "SH-NOBODY", idNumber), "ORIGIN_ACCOUNT_NOT_FOUND");
        String someoneElse = originAccount("310000", "110101198001011234", 100_00, false);
        assertRejected(submit(UUID.randomUUID(), "310000", someoneElse, idNumber), "IDENTITY_MISMATCH");
        String frozen = originAccount("110000", idNumber, 100_00, true);
        assertRejected(submit(UUID.randomUUID(), "110000", frozen, idNumber), "ORIGIN_ACCOUNT_FROZEN");
        String empty = originAccount("320100", idNumber, 0, false);
        assertRejected(submit(UUID.randomUUID(), "320100", empty, idNumber), "NOTHING_TO_TRANSFER");
        // The demo's frozen Beijing account, as the README tour uses it.
        assertRejected(submit(UUID.randomUUID(), "110000", "BJ0087654321", "330105199307212580"),
                "ORIGIN_ACCOUNT_FROZEN");
    }

    @Test
    void submittingTheSameRequestAgainAnswersTheSameTransfer() {
        String account = originAccount("330200", "330109199502284321", 42_00, false);
        UUID request = UUID.randomUUID();
        String first = submit(request, "330200", account, "330109199502284321");
        assertThat(submit(request, "330200", account, "330109199502284321")).isEqualTo(first);
        await().atMost(WAIT).until(() -> callbacks.appliedTypes(first).size() >= 2);
        assertThat(callbacks.appliedTypes(first)).containsExactly("TRANSFER_IN_CONFIRMED", "TRANSFER_IN_SETTLED");
        assertThat(Db.queryLong("SELECT count(*) FROM sandbox_transfer WHERE request_id = '" + request + "'"))
                .isEqualTo(1);
    }

    @Test
    void theCourierRepeatsAfter503And409UntilAnswered2xxAndKeepsTheOrder() {
        String account = originAccount("440300", "330109199502284321", 77_00, false);
        UUID request = UUID.randomUUID();
        callbacks.failNext(request.toString(), 2, 503);
        String id = submit(request, "440300", account, "330109199502284321");
        await().atMost(WAIT).until(() -> callbacks.appliedTypes(id).size() >= 1);
        callbacks.failNext(id, 2, 409);
        await().atMost(WAIT).until(() -> callbacks.appliedTypes(id).size() >= 2);

        assertThat(callbacks.appliedTypes(id)).containsExactly("TRANSFER_IN_CONFIRMED", "TRANSFER_IN_SETTLED");
        assertThat(callbacks.calls(id)).extracting(PlatformCallback::type).containsExactly(
                "TRANSFER_IN_CONFIRMED", "TRANSFER_IN_CONFIRMED", "TRANSFER_IN_CONFIRMED",
                "TRANSFER_IN_SETTLED", "TRANSFER_IN_SETTLED", "TRANSFER_IN_SETTLED");
        await().atMost(WAIT).untilAsserted(() -> view(id).body("deliveries[0].attempts", equalTo(3))
                .body("deliveries[1].attempts", equalTo(3)).body("deliveries[1].lastStatus", equalTo(204)));
    }

    @Test
    void aTransferOutIsRequestedAndConfirmedOnceWeAgree() {
        String id = startTransferOut("CONFIRM");
        await().atMost(WAIT).until(() -> callbacks.appliedTypes(id).size() >= 1);
        PlatformCallback requested = callbacks.applied(id).get(0);
        assertThat(requested.type()).isEqualTo("TRANSFER_OUT_REQUESTED");
        assertThat(requested.accountNo()).isEqualTo("330100000002");
        assertThat(requested.idNumber()).isEqualTo("330109199502284321");
        assertThat(requested.destinationCentreCode()).isEqualTo("310000");
        assertThat(requested.destinationAccountNo()).isEqualTo("SH0099990000");

        platform.answerTransferOut(id, TransferOutAnswer.agreed(1_234_500)).await().atMost(WAIT);
        // The same answer again, as after a lost reply, changes nothing; a different one is refused.
        platform.answerTransferOut(id, TransferOutAnswer.agreed(1_234_500)).await().atMost(WAIT);
        assertThatThrownBy(() -> platform.answerTransferOut(id, TransferOutAnswer.refused("ACCOUNT_FROZEN", "x"))
                .await().atMost(WAIT)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("TRANSFER_ALREADY_ANSWERED"));

        await().atMost(WAIT).until(() -> callbacks.appliedTypes(id).size() >= 2);
        assertThat(callbacks.appliedTypes(id)).containsExactly("TRANSFER_OUT_REQUESTED", "TRANSFER_OUT_CONFIRMED");
        await().atMost(WAIT).untilAsserted(() -> view(id).body("state", equalTo("CONFIRMED"))
                .body("direction", equalTo("OUT")).body("ourAnswer", equalTo("AGREED"))
                .body("ourAmountFen", equalTo(1_234_500)).body("deliveries.size()", equalTo(2)));
    }

    @Test
    void aTransferOutTheMemberWithdrewAtTheDestinationIsCancelled() {
        String id = startTransferOut("CANCEL");
        await().atMost(WAIT).until(() -> callbacks.appliedTypes(id).size() >= 1);
        platform.answerTransferOut(id, TransferOutAnswer.agreed(500_00)).await().atMost(WAIT);
        await().atMost(WAIT).until(() -> callbacks.appliedTypes(id).size() >= 2);
        PlatformCallback cancelled = callbacks.applied(id).get(1);
        assertThat(cancelled.type()).isEqualTo("TRANSFER_OUT_CANCELLED");
        assertThat(cancelled.reasonCode()).isEqualTo("MEMBER_CANCELLED");
        assertThat(cancelled.reason()).isNotBlank();
        await().atMost(WAIT).untilAsserted(() -> view(id).body("state", equalTo("CANCELLED")));
    }

    @Test
    void aRefusedTransferOutEndsRejectedWithOurReasonAndNoFurtherNotification() {
        String id = startTransferOut("CONFIRM");
        await().atMost(WAIT).until(() -> callbacks.appliedTypes(id).size() >= 1);
        platform.answerTransferOut(id, TransferOutAnswer.refused("ACCOUNT_FROZEN", "The account is frozen."))
                .await().atMost(WAIT);
        platform.answerTransferOut(id, TransferOutAnswer.refused("ACCOUNT_FROZEN", "The account is frozen."))
                .await().atMost(WAIT);
        view(id).body("state", equalTo("REJECTED")).body("ourAnswer", equalTo("REFUSED"))
                .body("ourReasonCode", equalTo("ACCOUNT_FROZEN")).body("deliveries.size()", equalTo(1));
        assertThatThrownBy(() -> platform.answerTransferOut("NTP0000UNKNOWN", TransferOutAnswer.agreed(1))
                .await().atMost(WAIT)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void theSandboxRoutesCheckTheirInputAndAreForOperators() {
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of())
                .post("/sandbox/transfer-platform/transfers-out").then().statusCode(401);
        asOperator().contentType(ContentType.JSON)
                .body(Map.of("accountNo", "330100000002", "idNumber", "x", "destinationCentreCode", "31"))
                .post("/sandbox/transfer-platform/transfers-out").then().statusCode(400)
                .body("field", equalTo("destinationCentreCode"));
        asOperator().contentType(ContentType.JSON)
                .body(Map.of("accountNo", "330100000002", "idNumber", "x", "destinationCentreCode", "310000",
                        "outcome", "MAYBE"))
                .post("/sandbox/transfer-platform/transfers-out").then().statusCode(400)
                .body("field", equalTo("outcome"));
        asOperator().contentType(ContentType.JSON)
                .body(Map.of("centreCode", "330109", "accountNo", "A1", "idNumber", "x", "name", "n",
                        "balanceFen", 1))
                .post("/sandbox/transfer-platform/origin-accounts").then().statusCode(404)
                .body("code", equalTo("TRANSFER_CENTRE_NOT_FOUND"));
        asOperator().get("/sandbox/transfer-platform/transfers/NTP0000UNKNOWN").then().statusCode(404)
                .body("code", equalTo("PLATFORM_TRANSFER_NOT_FOUND"));
    }

    private void assertRejected(String transferId, String reasonCode) {
        await().atMost(WAIT).until(() -> !callbacks.applied(transferId).isEmpty());
        PlatformCallback c = callbacks.applied(transferId).get(0);
        assertThat(c.type()).isEqualTo("TRANSFER_IN_REJECTED");
        assertThat(c.reasonCode()).isEqualTo(reasonCode);
        assertThat(c.reason()).isNotBlank();
        assertThat(c.amountFen()).isNull();
        // Nothing follows a rejection.
        await().during(Duration.ofMillis(300)).atMost(WAIT)
                .until(() -> callbacks.calls(transferId).size() == 1);
        view(transferId).body("state", equalTo("REJECTED")).body("reasonCode", equalTo(reasonCode));
    }

    private String submit(UUID request, String centre, String account, String idNumber) {
        return platform.submitTransferIn(new TransferInSubmission(request, centre, account, idNumber, "李娜",
                "330109", "330100000002")).await().atMost(WAIT);
    }

    private static String originAccount(String centre, String idNumber, long balanceFen, boolean frozen) {
        String accountNo = "T" + centre + "-" + ACCOUNTS.incrementAndGet() + "-" + UUID.randomUUID().toString()
                .substring(0, 8);
        asOperator().contentType(ContentType.JSON)
                .body(Map.of("centreCode", centre, "accountNo", accountNo, "idNumber", idNumber, "name", "李娜",
                        "balanceFen", balanceFen, "frozen", frozen))
                .post("/sandbox/transfer-platform/origin-accounts").then().statusCode(200)
                .body("accountNo", equalTo(accountNo)).body("frozen", equalTo(frozen));
        return accountNo;
    }

    private static String startTransferOut(String outcome) {
        return asOperator().contentType(ContentType.JSON)
                .body(Map.of("accountNo", "330100000002", "idNumber", "330109199502284321",
                        "destinationCentreCode", "310000", "destinationAccountNo", "SH0099990000",
                        "outcome", outcome))
                .post("/sandbox/transfer-platform/transfers-out").then().statusCode(201)
                .body("status", equalTo("REQUESTED")).extract().path("transferId");
    }

    private static io.restassured.response.ValidatableResponse view(String transferId) {
        return asOperator().get("/sandbox/transfer-platform/transfers/" + transferId).then().statusCode(200);
    }
}
