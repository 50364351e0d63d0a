package cn.hpf.mobile.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import org.hibernate.HibernateException;
import org.hibernate.QueryTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A pool that found no connection in time, or a statement rolled back for the moment, is a 503 SERVICE_BUSY, however
 * a library wraps it.
 */
class OverloadTest {

    @Test
    void theRequestPoolsConnectionTimeoutIsOverloadAlsoInsideAHibernateException() {
        NoStackTraceThrowable poolTimeout = new NoStackTraceThrowable("Timeout");
        assertThat(Overload.is(poolTimeout)).isTrue();
        assertThat(Overload.is(new HibernateException(poolTimeout))).isTrue();
        assertThat(Overload.is(new NoStackTraceThrowable("Connection refused"))).isFalse();
        assertThat(Overload.is(new IllegalStateException("Timeout"))).isFalse();
    }

    @Test
    void aStatementRolledBackForTheMomentIsOverloadAlsoInsideAHibernateException() {
        PgException statementTimeout = new PgException("canceling statement due to statement timeout", "ERROR",
                "57014", null);
        assertThat(Overload.is(new QueryTimeoutException("error executing SQL statement",
                new SQLException(statementTimeout.getMessage(), "57014", statementTimeout), "WITH slot AS …")))
                .isTrue();
        assertThat(Overload.is(new HibernateException(statementTimeout))).isTrue();
        assertThat(Overload.is(new HibernateException(new PgException("deadlock detected", "ERROR", "40P01", null))))
                .isTrue();
        assertThat(Overload.is(new HibernateException(new PgException("duplicate key", "ERROR", "23505", null))))
                .isFalse();
    }

    @Test
    void postgresOutOfReachIsOverloadAlsoInsideAHibernateException() {
        // As bin/chaos met it: the connection reset under a request's read (a 500 before), and PostgreSQL refusing.
        assertThat(Overload.is(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(Overload.is(new HibernateException(ClosedConnectionException.INSTANCE))).isTrue();
        assertThat(Overload.is(new ConnectException("Connection refused: /127.0.0.1:5432"))).isTrue();
        // Reset under a read, as the socket reports it (bin/chaos, pg-reset: still a 500 after the line above).
        assertThat(Overload.is(new SocketException("Connection reset"))).isTrue();
        assertThat(Overload.is(new IOException("Connection reset by peer"))).isTrue();
        assertThat(Overload.is(new IOException("Stream closed"))).isFalse();
    }
}
