package cn.hpf.mobile.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.payout.PayoutRepository;
import cn.hpf.mobile.payout.SandboxBank;
import cn.hpf.mobile.withdrawal.AdmissionRepository;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which statements get the read deadline: a write given up on may still commit, so answering it "nothing done"
 * would let a retry run beside it. Only statements that change nothing may be bounded as reads.
 */
class ReadDeadlinesTest {

    @Test
    void selectsAndWithsThatOnlySelectAreReads() {
        assertThat(ReadDeadlines.isRead("SELECT * FROM account WHERE member_id = $1")).isTrue();
        assertThat(ReadDeadlines.isRead("  with t AS (SELECT 1) SELECT * FROM t")).isTrue();
    }

    @Test
    void statementsThatWriteAnywhereAreNot() {
        assertThat(ReadDeadlines.isRead("INSERT INTO audit_log VALUES (1)")).isFalse();
        assertThat(ReadDeadlines.isRead("WITH moved AS (UPDATE account SET held = 0 RETURNING *) SELECT * FROM moved"))
                .isFalse();
        assertThat(ReadDeadlines.isRead("SELECT * FROM account FOR UPDATE; LOCK TABLE account")).isFalse();
    }

    /** A batched statement is a SELECT over a function that writes: its text alone looks like a read. */
    @Test
    void theBatchedStatementsWriteThroughTheirFunction() {
        for (BatchedStatement batch : List.of(AdmissionRepository.WRITE_BATCH, PayoutRepository.PAID_BATCH,
                PayoutRepository.FAILED_BATCH, SandboxBank.PAY_BATCH)) {
            assertThat(batch.call().sql()).startsWith("SELECT");
            assertThat(ReadDeadlines.isRead(batch.call().sql())).as(batch.function()).isFalse();
        }
    }
}
