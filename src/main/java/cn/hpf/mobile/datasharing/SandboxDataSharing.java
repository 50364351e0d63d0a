package cn.hpf.mobile.datasharing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.LocalDate;

/**
 * The three data-sharing platforms answered from the {@code sandbox_data_sharing} table (seeded by
 * demo/admission.sql and by tests), so the demo and load tests run end to end without the government networks.
 */
final class SandboxDataSharing implements HousingRegistry, CivilAffairs, DepositNetwork {

    private final Pool db;

    SandboxDataSharing(Pool db) {
        this.db = db;
    }

    @Override
    public Uni<Boolean> ownsHomeInCity(String idNumber) {
        return exists(idNumber, "OWNS_HOME_IN_CITY", null);
    }

    @Override
    public Uni<PurchaseContract> purchaseContractSince(String idNumber, LocalDate since) {
        return db.preparedQuery("SELECT home_id, price_fen, occurred_on FROM sandbox_data_sharing "
                        + "WHERE id_number = $1 AND fact = 'PURCHASE_CONTRACT' AND occurred_on >= $2")
                .execute(Tuple.of(idNumber, since))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new PurchaseContract(r.getString(0), r.getLong(1), r.getLocalDate(2));
                });
    }

    @Override
    public Uni<Boolean> receivesMinimumLivingAllowance(String idNumber) {
        return exists(idNumber, "MIN_LIVING_ALLOWANCE", null);
    }

    @Override
    public Uni<Boolean> depositsElsewhereSince(String idNumber, LocalDate since) {
        return exists(idNumber, "DEPOSITS_ELSEWHERE", since);
    }

    private Uni<Boolean> exists(String idNumber, String fact, LocalDate onOrAfter) {
        return db.preparedQuery("SELECT 1 FROM sandbox_data_sharing WHERE id_number = $1 AND fact = $2 "
                        + "AND ($3::date IS NULL OR occurred_on >= $3::date)")
                .execute(Tuple.of(idNumber, fact, onOrAfter))
                .map(rows -> rows.size() > 0);
    }
}
