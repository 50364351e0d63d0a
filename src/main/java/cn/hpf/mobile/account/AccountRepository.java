package cn.hpf.mobile.account;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AccountRepository {

    public static final String SNAPSHOT_COLUMNS = "a.member_id, m.name, m.id_number, a.status, a.status_since, a.balance_fen, "
            + "a.held_fen, a.deposit_base_fen, a.employer_rate, a.member_rate, a.last_deposit_month, a.version";

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

    static AccountSnapshot firstOrNull(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? snapshot(it.next()) : null;
    }

    /** Maps a row selected with {@link #SNAPSHOT_COLUMNS} (in that order). */
    public static AccountSnapshot snapshot(Row r) {
        return snapshot(r, 0);
    }

    /** Maps the {@link #SNAPSHOT_COLUMNS} that start at column {@code from} of a wider row. */
    public static AccountSnapshot snapshot(Row r, int from) {
        return new AccountSnapshot(
                r.getLong(from), r.getString(from + 1), AccountSnapshot.maskIdNumber(r.getString(from + 2)),
                AccountStatus.valueOf(r.getString(from + 3)), r.getLocalDate(from + 4), r.getLong(from + 5),
                r.getLong(from + 6), r.getLong(from + 7), r.getBigDecimal(from + 8), r.getBigDecimal(from + 9),
                r.getLocalDate(from + 10), r.getLong(from + 11));
    }
}
