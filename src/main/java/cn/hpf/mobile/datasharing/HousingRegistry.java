package cn.hpf.mobile.datasharing;

import io.smallrye.mutiny.Uni;
import java.time.LocalDate;

/** The real-estate registry (不动产登记) through the city's data-sharing platform, keyed by ID number. */
public interface HousingRegistry {

    /** Whether the person owns a home in the city (RENT requires that she does not). */
    Uni<Boolean> ownsHomeInCity(String idNumber);

    /** The latest purchase contract signed on or after {@code since}, or null. */
    Uni<PurchaseContract> purchaseContractSince(String idNumber, LocalDate since);
}
