package cn.hpf.mobile.loan;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.adversary.PostgresStall;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A prepayment from the HPF balance and a loan-repayment withdrawal both take the member's account and the loan:
 * in the same order (account first), so they wait for each other instead of deadlocking. Should PostgreSQL still
 * break a cycle (with a lock nobody in this service takes), the member gets 503 "nothing was done, retry", not 500.
 */
@QuarkusTest
class PrepaymentLockOrderTest {

    @Test
    void aPrepaymentWaitingForTheMembersAccountHoldsNoLockOnTheLoan() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(5_000_000).create();
        long loan = Fixtures.loan(m.id(), 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0, false);
        Map<String, Object> body = fromHpfBalance(m, loan);
        CompletableFuture<Response> prepaid;
        try (PostgresStall stall = PostgresStall.account(m.id())) {
            prepaid = CompletableFuture.supplyAsync(() -> prepay(m, loan, body));
            awaitWaitingPrepayment();
            // What a loan-repayment admission takes after the account: free while the prepayment waits.
            try (Connection c = Db.connect()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT 1 FROM loan WHERE id = " + loan + " FOR UPDATE NOWAIT");
                }
                c.rollback();
            }
        }
        assertThat(prepaid.get().statusCode()).isEqualTo(201);
    }

    @Test
    void aDeadlockIsA503NothingWasDoneNotA500() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(5_000_000).create();
        long loan = Fixtures.loan(m.id(), 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0, false);
        Map<String, Object> body = fromHpfBalance(m, loan);
        long balance = Fixtures.balance(m);
        CompletableFuture<Response> prepaid;
        try (Connection other = Db.connect()) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("SELECT 1 FROM account WHERE member_id = " + m.id() + " FOR UPDATE");
                prepaid = CompletableFuture.supplyAsync(() -> prepay(m, loan, body));
                awaitWaitingPrepayment();
                // The other transaction now wants the quote the waiting prepayment has taken: a cycle. The
                // prepayment has waited longer, so its deadlock check runs first and it is the one rolled back.
                st.execute("SELECT 1 FROM prepayment_quote WHERE id = '" + body.get("quoteId") + "' FOR UPDATE");
            }
            other.rollback();
        }
        Response r = prepaid.get();
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(503);
        assertThat(r.jsonPath().getString("code")).isEqualTo("PREPAYMENT_UNAVAILABLE");
        assertThat(r.header("Retry-After")).isNotNull();
        assertThat(Fixtures.balance(m)).isEqualTo(balance);
        assertThat(Fixtures.faceStatus(UUID.fromString((String) body.get("faceVerificationId")))).isEqualTo("PASSED");
        assertThat(prepay(m, loan, body).statusCode()).as("the same request, retried").isEqualTo(201);
    }

    private static Map<String, Object> fromHpfBalance(Fixtures.Member m, long loan) {
        String quote = m.api().contentType(ContentType.JSON)
                .body(Map.of("amountFen", 1_000_000, "mode", "REDUCE_PAYMENT"))
                .post("/v1/me/loans/" + loan + "/prepayment-quotes").then().statusCode(201).extract().path("id");
        return Map.of("quoteId", quote, "source", "HPF_BALANCE",
                "faceVerificationId", Fixtures.face(m.id(), "PREPAYMENT").toString());
    }

    private static Response prepay(Fixtures.Member m, long loan, Map<String, Object> body) {
        return m.api().contentType(ContentType.JSON).header("Idempotency-Key", "lock-order-" + body.get("quoteId"))
                .body(body).post("/v1/me/loans/" + loan + "/prepayments").then().extract().response();
    }

    private static void awaitWaitingPrepayment() {
        PostgresStall.awaitWaiting("%prepayment_quote%", 1);
    }
}
