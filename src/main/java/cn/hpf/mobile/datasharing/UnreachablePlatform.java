package cn.hpf.mobile.datasharing;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import java.time.LocalDate;

/**
 * Stands in for the real platform clients, which this build does not ship yet: every question answers 503, so
 * no withdrawal is ever admitted on an unchecked condition.
 */
final class UnreachablePlatform implements HousingRegistry, CivilAffairs, DepositNetwork {

    static final UnreachablePlatform INSTANCE = new UnreachablePlatform();

    private static <T> Uni<T> unavailable() {
        return Uni.createFrom().failure(ApiException.unavailable("DATA_SHARING_UNAVAILABLE",
                "The data-sharing platform cannot be reached; retry later.", 60));
    }

    @Override
    public Uni<Boolean> ownsHomeInCity(String idNumber) {
        return unavailable();
    }

    @Override
    public Uni<PurchaseContract> purchaseContractSince(String idNumber, LocalDate since) {
        return unavailable();
    }

    @Override
    public Uni<Boolean> receivesMinimumLivingAllowance(String idNumber) {
        return unavailable();
    }

    @Override
    public Uni<Boolean> depositsElsewhereSince(String idNumber, LocalDate since) {
        return unavailable();
    }
}
