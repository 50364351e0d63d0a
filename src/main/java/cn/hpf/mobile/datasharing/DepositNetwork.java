package cn.hpf.mobile.datasharing;

import io.smallrye.mutiny.Uni;
import java.time.LocalDate;

/**
 * The national HPF supervision network together with market regulation (employer records): whether the person
 * has had HPF deposits with another centre since a day (LEFT_CITY_SEALED requires none since sealing).
 */
public interface DepositNetwork {

    Uni<Boolean> depositsElsewhereSince(String idNumber, LocalDate since);
}
