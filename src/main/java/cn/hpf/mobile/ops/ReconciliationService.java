package cn.hpf.mobile.ops;

import cn.hpf.mobile.common.SandboxConfig;
import cn.hpf.mobile.withdrawal.AdmissionRedisCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The books, checked: accounts vs ledger, withdrawals vs ledger, withdrawals vs bank (sandbox), the daily budget's
 * rows vs its withdrawals and vs the budget, Redis vs PostgreSQL (account copies, holds, budget counters),
 * withdrawals stuck before a terminal state, transfers between cities vs ledger, and the fund-wide identity
 * deposits + supplementary + interest + transfers-in + returned
 * = withdrawals + auto-transfers + transfers-out + balances.
 */
@ApplicationScoped
public class ReconciliationService {

    private final ReconciliationRepository repository;
    private final RedisAccountCheck redisCheck;
    private final AdmissionRedisCheck admissionCheck;
    private final ReconciliationConfig config;
    private final SandboxConfig sandbox;
    private final Clock clock;

    public ReconciliationService(ReconciliationRepository repository, RedisAccountCheck redisCheck,
                                 AdmissionRedisCheck admissionCheck, ReconciliationConfig config,
                                 SandboxConfig sandbox, Clock clock) {
        this.repository = repository;
        this.redisCheck = redisCheck;
        this.admissionCheck = admissionCheck;
        this.config = config;
        this.sandbox = sandbox;
        this.clock = clock;
    }

    public Uni<ReconciliationReport> run() {
        int limit = config.maxPerKind();
        boolean withBank = sandbox.enabled();
        List<Uni<List<Mismatch>>> checks = List.of(
                repository.accounts(limit),
                repository.withdrawalPostings(limit),
                repository.returnPostings(limit),
                repository.transferPostings(limit),
                withBank ? repository.bank(limit) : Uni.createFrom().item(List.of()),
                repository.stuck(config.stuckAfter(), limit),
                repository.stuckTransfers(config.transferStuckAfter(), limit),
                repository.budgetRows(limit),
                repository.budgetDays(limit),
                admissionCheck.run().map(found -> found.stream().map(d -> new Mismatch(d.kind(), d.memberId(),
                        d.withdrawalId(), d.expected(), d.actual(), d.detail())).toList()));
        return Uni.combine().all().unis(repository.totals(config.stuckAfter(), withBank), redisCheck.run(),
                        Uni.join().all(checks).andFailFast())
                .asTuple().map(parts -> {
                    RedisAccountCheck.Result redis = parts.getItem2();
                    List<Mismatch> mismatches = new ArrayList<>();
                    parts.getItem3().forEach(mismatches::addAll);
                    mismatches.addAll(redis.mismatches);
                    ReconciliationReport.Totals totals = totals(parts.getItem1(), redis);
                    mismatches.addAll(totalMismatches(totals));
                    return new ReconciliationReport(clock.instant(), mismatches.isEmpty(), totals, mismatches);
                })
                // The verdict for the console's statistics; the report stands even if it cannot be recorded.
                .call(report -> repository.record(report.checkedAt(), report.clean(), report.mismatches().size())
                        .onFailure().recoverWithNull());
    }

    private static ReconciliationReport.Totals totals(Row t, RedisAccountCheck.Result redis) {
        return new ReconciliationReport.Totals(t.getLong("deposits"), t.getLong("supplementary"),
                t.getLong("interest"), t.getLong("transfers_in"), t.getLong("transfers_out"), t.getLong("returned"),
                t.getLong("withdrawals"), t.getLong("auto_transfers"), t.getLong("balances"), t.getLong("held"), t.getLong("paid"),
                t.getLong("paid_by_bank"), t.getLong("open"), t.getLong("bank_paid"), t.getLong("stuck"), redis.checked, redis.behind);
    }

    private static List<Mismatch> totalMismatches(ReconciliationReport.Totals t) {
        List<Mismatch> found = new ArrayList<>();
        long in = t.depositsFen() + t.supplementaryDepositsFen() + t.interestFen() + t.transfersInFen()
                + t.returnedFen();
        long out = t.withdrawalsFen() + t.autoTransfersFen() + t.transfersOutFen() + t.balancesFen();
        if (in != out) {
            found.add(new Mismatch("BOOKS", null, null, in, out, "deposits + supplementary + interest + transfers-in "
                    + "+ returned vs withdrawals + auto-transfers + transfers-out + balances"));
        }
        if (t.withdrawalsPaidFen() != t.withdrawalsFen()) {
            found.add(new Mismatch("PAID_TOTAL_VS_LEDGER", null, null, t.withdrawalsPaidFen(), t.withdrawalsFen(),
                    "PAID + RETURNED withdrawals vs WITHDRAWAL entries"));
        }
        if (t.bankPaidFen() != null && t.bankPaidFen() != t.withdrawalsPaidByBankFen()) {
            found.add(new Mismatch("PAID_TOTAL_VS_BANK", null, null, t.withdrawalsPaidByBankFen(), t.bankPaidFen(),
                    "PAID + RETURNED withdrawals paid through the bank vs the bank's settled payments"));
        }
        return found;
    }
}
