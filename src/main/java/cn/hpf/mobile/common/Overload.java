package cn.hpf.mobile.common;

import cn.hpf.mobile.common.db.BoundedWrites;

/**
 * Recognises saturation of a connection pool, a statement PostgreSQL rolled back for reasons of the moment (a
 * statement or lock timeout, a deadlock, a serialization failure) and PostgreSQL out of reach (connection refused or
 * lost), which we answer with 503 + Retry-After, not 500.
 * The money statements decide these themselves (BoundedWrites); the rest, Hibernate Reactive's transactions among
 * them, meet them here, wrapped.
 */
public final class Overload {

    private Overload() {
    }

    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            String msg = String.valueOf(t.getMessage()).toLowerCase();
            if (name.contains("PoolTooBusy") || name.contains("ConnectionPoolTooBusy")
                    || msg.contains("pool full") || msg.contains("max waiting") || msg.contains("too busy")
                    || msg.contains("wait queue") || msg.contains("timeout waiting for connection")) {
                return true;
            }
            // The request pool found no connection within hpf.db.connection-timeout. The money statements map it
            // themselves (BoundedWrites); Hibernate Reactive sessions hand it on as is, before any statement ran.
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && "Timeout".equals(t.getMessage())) {
                return true;
            }
            if (BoundedWrites.rolledBackForNow(t)) {
                return true;
            }
            // PostgreSQL out of reach (refused) or the connection lost before its answer: a read, or a statement
            // the money paths did not bound themselves, met an outage of the moment, not a bug.
            if (t instanceof io.vertx.sqlclient.ClosedConnectionException || t instanceof java.net.ConnectException) {
                return true;
            }
            // A connection reset under a statement reaches the caller as the socket's own exception.
            if (t instanceof java.net.SocketException
                    || t instanceof java.io.IOException && msg.contains("connection reset")) {
                return true;
            }
        }
        return false;
    }
}
