package cn.hpf.mobile.withdrawal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Records the WithdrawalAccepted events, as the payout dispatcher would receive them. */
@ApplicationScoped
public class AcceptedEvents {

    private final Set<UUID> seen = ConcurrentHashMap.newKeySet();

    void on(@ObservesAsync WithdrawalAccepted event) {
        seen.add(event.withdrawalId());
    }

    public boolean seen(UUID withdrawalId) {
        return seen.contains(withdrawalId);
    }
}
