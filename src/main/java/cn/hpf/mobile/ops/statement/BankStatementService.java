package cn.hpf.mobile.ops.statement;

import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.ops.ReconciliationConfig;
import cn.hpf.mobile.payout.BankGateway;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Reconciliation against the bank's daily statement: the file is read through the {@link BankGateway} port (never
 * on the event loop), checked whole, then compared with the centre's withdrawals of that day in one statement that
 * also stores the result and audits it.
 */
@ApplicationScoped
public class BankStatementService {

    private final BankGateway bank;
    private final BankStatementRepository repository;
    private final ReconciliationConfig config;

    public BankStatementService(BankGateway bank, BankStatementRepository repository, ReconciliationConfig config) {
        this.bank = bank;
        this.repository = repository;
        this.config = config;
    }

    public Uni<BankStatementReconciliation> reconcile(LocalDate date, String operator, String client) {
        OffsetDateTime from = date.atStartOfDay(Zones.SHANGHAI).toOffsetDateTime();
        OffsetDateTime to = date.plusDays(1).atStartOfDay(Zones.SHANGHAI).toOffsetDateTime();
        return bank.dailyStatement(date)
                .chain(statement -> repository.reconcile(statement, from, to, operator, client, config.maxPerKind()));
    }

    public Uni<BankStatementReconciliation> latest(LocalDate date) {
        return repository.latest(date).map(found -> {
            if (found == null) {
                throw Refusal.BANK_STATEMENT_NOT_AVAILABLE.error("The bank's statement of " + date + " has not been "
                        + "reconciled yet: POST /v1/ops/reconciliation/bank-statement?date=" + date + " once the bank "
                        + "delivered it.");
            }
            return found;
        });
    }
}
