package cn.hpf.mobile.common.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The accepted answers of idempotent operations (idempotency_record). Each operation writes its record inside its
 * own statement ({@link #insertFrom}), so a record exists if and only if the operation happened.
 */
@ApplicationScoped
public class IdempotencyRepository {

    private static final String FIND = """
            SELECT request_hash, status_code, response_body, resource_id FROM idempotency_record
            WHERE member_id = $1 AND operation = $2 AND idem_key = $3
            """;

    private final Pool db;

    public IdempotencyRepository(Pool db) {
        this.db = db;
    }

    /**
     * The record's INSERT as a step of an operation's statement: one row for each row of {@code source} (a CTE that
     * yields a row only when the operation happened). The other arguments are SQL expressions.
     */
    public static String insertFrom(String source, String memberId, String operation, String key, String requestHash,
                                    String status, String body, String resourceId) {
        return "INSERT INTO idempotency_record (member_id, operation, idem_key, request_hash, status_code, "
                + "response_body, resource_id) SELECT " + String.join(", ", memberId, operation, key, requestHash,
                status, body, resourceId) + " FROM " + source;
    }

    Uni<Idempotency.Stored> find(long memberId, String operation, String key) {
        return db.preparedQuery(FIND).execute(Tuple.of(memberId, operation, key)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            return new Idempotency.Stored(r.getString("request_hash"), r.getInteger("status_code"),
                    r.getString("response_body"), r.getString("resource_id"));
        });
    }
}
