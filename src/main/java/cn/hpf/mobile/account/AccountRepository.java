package cn.hpf.mobile.account;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AccountRepository {

    /**
     * The account's snapshot columns, for a row aliased {@code a} joined to its member {@code m}; every statement
     * that answers an account selects (or returns) these and {@link #snapshot} maps them by name, in one place.
     */
    public static final String SNAPSHOT_COLUMNS = "a.member_id, m.name, m.id_number, a.status AS account_status, "
            + "a.status_since, a.balance_fen, a.held_fen, a.deposit_base_fen, a.employer_rate, a.member_rate, "
            + "a.last_deposit_month, a.version AS account_version";

    private final Pool db;

    public AccountRepository(Pool db) {
        this.db = db;
    }

    public Uni<AccountSnapshot> find(long memberId) {
        return db.preparedQuery("SELECT " + SNAPSHOT_COLUMNS
                        + " FROM account a JOIN member m ON m.id = a.member_id WHERE a.member_id = $1")
                .execute(Tuple.of(memberId))
                .map(AccountRepository::firstOrNull);
    }

    public static AccountSnapshot firstOrNull(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? snapshot(it.next()) : null;
    }

    /** Maps the {@link #SNAPSHOT_COLUMNS} of a row, whatever else it carries. */
    public static AccountSnapshot snapshot(Row r) {
        return new AccountSnapshot(
                r.getLong("member_id"), r.getString("name"), AccountSnapshot.maskIdNumber(r.getString("id_number")),
                AccountStatus.valueOf(r.getString("account_status")), r.getLocalDate("status_since"),
                r.getLong("balance_fen"), r.getLong("held_fen"), r.getLong("deposit_base_fen"),
                r.getBigDecimal("employer_rate"), r.getBigDecimal("member_rate"), r.getLocalDate("last_deposit_month"),
                r.getLong("account_version"));
    }
}
