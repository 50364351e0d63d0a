package cn.hpf.mobile.ops;

import cn.hpf.mobile.common.SandboxConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The books, checked: accounts vs ledger, withdrawals vs ledger, withdrawals vs bank (sandbox), Redis vs
 * PostgreSQL, withdrawals stuck before a terminal state, and the fund-wide identity
 * deposits + supplementary + interest + transfers-in + returned = withdrawals + auto-transfers + balances.
 */
@ApplicationScoped
public class ReconciliationService {

    private final ReconciliationRepository repository;
    private final RedisAccountCheck redisCheck;
    private final ReconciliationConfig config;
    private final SandboxConfig sandbox;
    private final Clock clock;

    public ReconciliationService(ReconciliationRepository repository, RedisAccountCheck redisCheck,
                                 ReconciliationConfig config, SandboxConfig sandbox, Clock clock) {
        this.repository = repository;
        this.redisCheck = redisCheck;
        this.config = config;
        this.sandbox = sandbox;
        this.clock = clock;
    }

    public Uni<ReconciliationReport> run() {
        int limit = config.maxPerKind();
        boolean withBank = sandbox.enabled();
        Uni<List<Mismatch>> bank = withBank ? repository.bank(limit) : Uni.createFrom().item(List.of());
        return Uni.combine().all().unis(
                        repository.totals(config.stuckAfter(), withBank),
                        repository.accounts(limit),
                        repository.withdrawalPostings(limit),
                        repository.returnPostings(limit),
                        bank,
                        repository.stuck(config.stuckAfter(), limit),
                        redisCheck.run())
                .asTuple().map(parts -> {
                    RedisAccountCheck.Result redis = parts.getItem7();
                    List<Mismatch> mismatches = new ArrayList<>();
                    mismatches.addAll(parts.getItem2());
                    mismatches.addAll(parts.getItem3());
                    mismatches.addAll(parts.getItem4());
                    mismatches.addAll(parts.getItem5());
                    mismatches.addAll(parts.getItem6());
                    mismatches.addAll(redis.mismatches);
                    ReconciliationReport.Totals totals = totals(parts.getItem1(), redis);
                    mismatches.addAll(totalMismatches(totals));
                    return new ReconciliationReport(clock.instant(), mismatches.isEmpty(), totals, mismatches);
                });
    }

    private static ReconciliationReport.Totals totals(Row t, RedisAccountCheck.Result redis) {
        return new ReconciliationReport.Totals(t.getLong("deposits"), t.getLong("supplementary"),
                t.getLong("interest"), t.getLong("transfers_in"), t.getLong("returned"), t.getLong("withdrawals"),
                t.getLong("auto_transfers"), t.getLong("balances"), t.getLong("held"), t.getLong("paid"),
                t.getLong("paid_by_bank"), t.getLong("open"), t.getLong("bank_paid"), t.getLong("stuck"), redis.checked, redis.behind);
    }

    private static List<Mismatch> totalMismatches(ReconciliationReport.Totals t) {
        List<Mismatch> found = new ArrayList<>();
        long in = t.depositsFen() + t.supplementaryDepositsFen() + t.interestFen() + t.transfersInFen()
                + t.returnedFen();
        long out = t.withdrawalsFen() + t.autoTransfersFen() + t.balancesFen();
        if (in != out) {
            found.add(new Mismatch("BOOKS", null, null, in, out,
                    "deposits + supplementary + interest + transfers-in + returned vs withdrawals + auto-transfers + balances"));
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
