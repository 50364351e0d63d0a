package db.migration;

import cn.hpf.mobile.common.db.BatchedStatement;
import cn.hpf.mobile.payout.PayoutRepository;
import cn.hpf.mobile.payout.SandboxBank;
import cn.hpf.mobile.withdrawal.AdmissionRepository;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The functions that run a money statement for a batch of items ({@link BatchedStatement}), generated from the
 * statements themselves. Repeatable: Flyway runs it again after the versioned migrations whenever a statement
 * changes, so the function never lags the code that calls it.
 */
public class R__batched_statements extends BaseJavaMigration {

    static final List<BatchedStatement> STATEMENTS = List.of(AdmissionRepository.WRITE_BATCH,
            PayoutRepository.PAID_BATCH, PayoutRepository.FAILED_BATCH, SandboxBank.PAY_BATCH);

    @Override
    public Integer getChecksum() {
        return STATEMENTS.stream().map(BatchedStatement::definition).toList().hashCode();
    }

    @Override
    public void migrate(Context context) throws Exception {
        for (BatchedStatement batched : STATEMENTS) {
            String ddl = batched.ddl(context.getConnection());
            try (Statement sql = context.getConnection().createStatement()) {
                sql.execute(ddl);
            }
        }
    }
}
