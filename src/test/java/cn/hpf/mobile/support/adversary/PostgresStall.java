package cn.hpf.mobile.support.adversary;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.withdrawal.AdmissionRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL statement stalled on purpose: another transaction holds a member's account row, so every money
 * statement of that member waits on it (past the write timeout, past statement_timeout) until it is released.
 */
public final class PostgresStall implements AutoCloseable {

    private final Connection lock;

    private PostgresStall(Connection lock) {
        this.lock = lock;
    }

    public static PostgresStall account(long memberId) {
        try {
            Connection c = Db.connect();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 1 FROM account WHERE member_id = " + memberId + " FOR UPDATE");
            }
            return new PostgresStall(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Holds the member's row for {@code d}, then lets go on its own. */
    public static void accountFor(long memberId, Duration d) {
        PostgresStall stall = account(memberId);
        CompletableFuture.delayedExecutor(d.toMillis(), TimeUnit.MILLISECONDS).execute(stall::close);
    }

    /** Waits until exactly {@code statements} statements whose text is LIKE {@code queryLike} wait for a lock. */
    public static void awaitWaiting(String queryLike, long statements) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Db.queryLong(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '"
                        + queryLike.replace("'", "''") + "'") == statements);
    }

    /** Waits until exactly {@code statements} admission statements (batches of admissions) wait for a lock. */
    public static void awaitAdmissionsWaiting(long statements) {
        awaitWaiting("%" + AdmissionRepository.WRITE_BATCH.function() + "(%", statements);
    }

    @Override
    public void close() {
        try {
            lock.rollback();
            lock.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
