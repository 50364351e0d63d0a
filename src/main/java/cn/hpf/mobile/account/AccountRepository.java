package cn.hpf.mobile.account;

import cn.hpf.mobile.common.PersonalData;
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

    /**
     * The SET list of posting a held debit ({@code amount}, an SQL expression) on account {@code a}: balance and held
     * drop together. The closing rule, shared by every debit that closes an account (a retirement payout, a
     * transfer to another city): where {@code closes} is true the account closes only when nothing is left in it,
     * balance and held both equal to the amount, so money posted since the hold (a deposit, the 30 June interest)
     * stays withdrawable instead of stranded in a closed account.
     */
    public static String postHeldDebit(String amount, String closes) {
        String closing = "(" + closes + ") AND a.balance_fen = " + amount + " AND a.held_fen = " + amount;
        return "balance_fen = a.balance_fen - " + amount + ", held_fen = a.held_fen - " + amount
                + ", status = CASE WHEN " + closing + " THEN 'CLOSED' ELSE a.status END"
                + ", status_since = CASE WHEN " + closing + " THEN " + TODAY + " ELSE a.status_since END"
                + ", version = a.version + 1, updated_at = now()";
    }

    /**
     * The SET list of a credit ({@code amount}, an SQL expression) on account {@code a}. Money that comes into a
     * CLOSED account reopens it SEALED (paused, no employer), so that it can be withdrawn instead of stranded.
     */
    public static String credit(String amount) {
        return "balance_fen = a.balance_fen + " + amount
                + ", status = CASE WHEN a.status = 'CLOSED' THEN 'SEALED' ELSE a.status END"
                + ", status_since = CASE WHEN a.status = 'CLOSED' THEN " + TODAY + " ELSE a.status_since END"
                + ", version = a.version + 1, updated_at = now()";
    }

    private static final String TODAY = "(now() AT TIME ZONE 'Asia/Shanghai')::date";

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
                r.getLong("member_id"), r.getString("name"), PersonalData.idNumber(r.getString("id_number")),
                AccountStatus.valueOf(r.getString("account_status")), r.getLocalDate("status_since"),
                r.getLong("balance_fen"), r.getLong("held_fen"), r.getLong("deposit_base_fen"),
                r.getBigDecimal("employer_rate"), r.getBigDecimal("member_rate"), r.getLocalDate("last_deposit_month"),
                r.getLong("account_version"));
    }
}
