package cn.hpf.mobile.loan;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class LoanRepository {

    private final Pool db;

    public LoanRepository(Pool db) {
        this.db = db;
    }

    public Uni<List<Loan>> findByMember(long memberId) {
        return db.preparedQuery("SELECT " + Loan.COLUMNS + " FROM loan l WHERE l.member_id = $1 ORDER BY l.start_date DESC, l.id")
                .execute(Tuple.of(memberId)).map(LoanRepository::all);
    }

    /** The member's loan, or null: another member's loan is as invisible as an unknown one. */
    public Uni<Loan> find(long id, long memberId) {
        return db.preparedQuery("SELECT " + Loan.COLUMNS + " FROM loan l WHERE l.id = $1 AND l.member_id = $2")
                .execute(Tuple.of(id, memberId)).map(LoanRepository::firstOrNull);
    }

    /** Switches 按月转账; null when the loan is not the member's. Not a money change, so the version stays. */
    public Uni<Loan> setAutoTransfer(long id, long memberId, boolean enabled) {
        return db.preparedQuery("UPDATE loan l SET auto_transfer = $3, updated_at = now() "
                        + "WHERE l.id = $1 AND l.member_id = $2 RETURNING " + Loan.COLUMNS)
                .execute(Tuple.of(id, memberId, enabled)).map(LoanRepository::firstOrNull);
    }

    static Loan firstOrNull(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Loan.of(it.next()) : null;
    }

    static List<Loan> all(RowSet<Row> rows) {
        List<Loan> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(Loan.of(r));
        }
        return out;
    }
}
