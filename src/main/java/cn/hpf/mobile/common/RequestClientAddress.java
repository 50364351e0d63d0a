package cn.hpf.mobile.common;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The address a request came from, kept on the request's own Vert.x context so that the {@link Caller} made for a
 * money or operator action carries it into the audit row without every service passing it along.
 */
public class RequestClientAddress {

    private static final String KEY = "hpf.client-address";

    @ServerRequestFilter
    public void remember(RoutingContext rc) {
        SocketAddress remote = rc.request().remoteAddress();
        if (remote != null && remote.hostAddress() != null && isRequestContext()) {
            ContextLocals.put(KEY, remote.hostAddress());
        }
    }

    /** This request's client address, or null outside a request (jobs, callbacks from the database's side). */
    public static String current() {
        return isRequestContext() ? ContextLocals.<String>get(KEY).orElse(null) : null;
    }

    private static boolean isRequestContext() {
        return VertxContext.isOnDuplicatedContext();
    }
}
