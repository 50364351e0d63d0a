package cn.hpf.mobile.payout;

import cn.hpf.mobile.common.Refusal;
import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Stand-in until the real bank's HTTP adapter exists: it never pays and never rejects, so every payout stays
 * PAYING (visible in reconciliation as stuck) instead of being lost or paid twice.
 */
class UnavailableRealBank implements BankGateway {

    private static final Logger LOG = Logger.getLogger(UnavailableRealBank.class);

    private final String endpoint;

    UnavailableRealBank(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Uni<BankResult> pay(PayoutOrder order) {
        LOG.errorf("No bank adapter for %s yet; payout %s stays PAYING", endpoint, order.withdrawalId());
        return Uni.createFrom().item(new BankResult.Pending("NO_ADAPTER"));
    }

    @Override
    public Uni<BankResult> query(UUID withdrawalId) {
        return Uni.createFrom().item(new BankResult.Pending("NO_ADAPTER"));
    }

    @Override
    public Uni<BankStatement> dailyStatement(LocalDate date) {
        return Uni.createFrom().failure(Refusal.BANK_STATEMENT_UNAVAILABLE.error("No adapter reads the statements of "
                + endpoint + " yet; nothing was reconciled."));
    }
}
