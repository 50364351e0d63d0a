package cn.hpf.mobile.payout;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

import cn.hpf.mobile.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SandboxBankTest {

    @Inject
    SandboxBank bank;

    private final java.util.List<UUID> used = new java.util.ArrayList<>();

    /** These orders have no withdrawal: left behind, reconciliation would rightly report the bank's payments. */
    @org.junit.jupiter.api.AfterEach
    void forgetOrders() {
        used.forEach(id -> Db.exec("DELETE FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"));
    }

    @Test
    void aSecondPayWithTheSameIdNeverPaysTwiceAndAnswersTheFirstOutcome() {
        UUID id = UUID.randomUUID();
        used.add(id);
        PayoutOrder order = new PayoutOrder(id, 1, "RENT", 12_300,
                new PayoutOrder.Payee("CARD", "ICBC", "6222 **** **** 1234", "张伟"));
        BankResult first = bank.pay(order).await().atMost(Duration.ofSeconds(5));
        BankResult second = bank.pay(new PayoutOrder(id, 1, "RENT", 99_999, order.payee()))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(first, instanceOf(BankResult.Paid.class));
        assertThat(second, equalTo(first));
        assertThat(Db.queryLong("SELECT count(*) FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"), equalTo(1L));
        assertThat(Db.queryLong("SELECT amount_fen FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"),
                equalTo(12_300L));
        assertThat(Db.queryLong("SELECT pay_calls FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"), equalTo(2L));
        assertThat(bank.query(id).await().atMost(Duration.ofSeconds(5)), equalTo(first));
    }

    @Inject
    io.vertx.mutiny.sqlclient.Pool db;

    @Test
    void anAsynchronouslyConfirmedOrderIsProcessingUntilItSettles() {
        SandboxBank slowToConfirm = new SandboxBank(db, new SandboxBankConfig() {
            public Duration latencyMin() { return Duration.ZERO; }
            public Duration latencyMax() { return Duration.ZERO; }
            public double failureRate() { return 0; }
            public double timeoutRate() { return 0; }
            public double asyncConfirmRate() { return 1; }
            public Duration confirmDelayMin() { return Duration.ofMillis(400); }
            public Duration confirmDelayMax() { return Duration.ofMillis(400); }
            public String statementDir() { return "target/sandbox-bank-statements"; }
            public String statementCheck() { return "10m"; }
        });
        UUID id = UUID.randomUUID();
        used.add(id);
        PayoutOrder order = new PayoutOrder(id, 1, "RENT", 800, new PayoutOrder.Payee("CARD", "ICBC", "x", "y"));
        assertThat(slowToConfirm.pay(order).await().atMost(Duration.ofSeconds(5)),
                equalTo(new BankResult.Pending("PROCESSING")));
        assertThat(slowToConfirm.query(id).await().atMost(Duration.ofSeconds(5)),
                equalTo(new BankResult.Pending("PROCESSING")));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> slowToConfirm.query(id).await().atMost(Duration.ofSeconds(5)) instanceof BankResult.Paid);
        assertThat(Db.queryLong("SELECT pay_calls FROM sandbox_bank_payment WHERE withdrawal_id = '" + id + "'"), equalTo(1L));
    }

    @Test
    void anOrderTheBankNeverReceivedIsNotFound() {
        assertThat(bank.query(UUID.randomUUID()).await().atMost(Duration.ofSeconds(5)),
                instanceOf(BankResult.NotFound.class));
    }

    @Test
    void aScriptedRejectionIsDefinitiveAndStaysSo() {
        UUID id = UUID.randomUUID();
        used.add(id);
        Db.exec("INSERT INTO sandbox_bank_script (withdrawal_id, outcome, reason_code) VALUES ('" + id
                + "', 'REJECTED', 'CARD_CLOSED')");
        PayoutOrder order = new PayoutOrder(id, 1, "RENT", 500, new PayoutOrder.Payee("CARD", "ICBC", "x", "y"));
        BankResult first = bank.pay(order).await().atMost(Duration.ofSeconds(5));
        assertThat(first, equalTo(new BankResult.Rejected("CARD_CLOSED", "The sandbox bank refused the payout.")));
        assertThat(bank.pay(order).await().atMost(Duration.ofSeconds(5)), equalTo(first));
        assertThat(bank.query(id).await().atMost(Duration.ofSeconds(5)), equalTo(first));
    }
}
