package cn.hpf.mobile.account;

import cn.hpf.mobile.common.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends ledger entries. Each posting is one SQL statement: the balance moves only where it stays at or
 * above the held amount, the entry records the balance after it, and the account version is bumped — all or
 * nothing, in one round trip.
 */
@ApplicationScoped
public class LedgerRepository {

    static final String POST = """
            WITH acc AS (
                UPDATE account SET balance_fen = balance_fen + $2, version = version + 1, updated_at = now()
                WHERE member_id = $1 AND balance_fen + $2 >= held_fen
                RETURNING *
            ), entry AS (
                INSERT INTO ledger_entry (member_id, type, amount_fen, balance_after_fen, description, reference,
                                          channel, actor)
                SELECT member_id, $3, $2, balance_fen, $4, $5, $6, $7 FROM acc
                RETURNING id
            )
            SELECT %s FROM acc a JOIN member m ON m.id = a.member_id, entry
            """.formatted(AccountRepository.SNAPSHOT_COLUMNS);

    private final Pool db;

    public LedgerRepository(Pool db) {
        this.db = db;
    }

    /**
     * Posts one entry and returns the account after it, or null when the account is missing or the balance would
     * drop below what is held. A second posting with the same (type, reference) fails on the unique index.
     */
    public Uni<AccountSnapshot> post(long memberId, EntryType type, long amountFen, String description,
                                     String reference, Caller caller) {
        return db.preparedQuery(POST)
                .execute(Tuple.from(new Object[]{memberId, amountFen, type.name(), description, reference,
                        caller.channel().name(), caller.actor()}))
                .map(AccountRepository::firstOrNull);
    }
}
