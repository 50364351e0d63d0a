package cn.hpf.mobile.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

/**
 * An item's failure comes back as the error the statement alone would have raised: its state, message and constraint
 * (the constraint names which unique rule an item broke: once per period, one face verification, one outBizNo).
 */
class BatchedStatementTest {

    @Test
    void anItemsFailureKeepsItsStateMessageAndConstraint() {
        PgException e = BatchedStatement.failure("23505", "duplicate key value", "withdrawal_out_biz_no");
        assertThat(e.getSqlState()).isEqualTo("23505");
        assertThat(e.getErrorMessage()).isEqualTo("duplicate key value");
        assertThat(e.getConstraint()).isEqualTo("withdrawal_out_biz_no");
        assertThat(e.getDataType()).isNull();
    }

    @Test
    void anItemWithoutFailureHasNone() {
        assertThat(BatchedStatement.failure(null, null, null)).isNull();
    }
}
