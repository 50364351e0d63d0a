package cn.hpf.mobile.common;

import io.netty.util.NetUtil;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Where a request came from: the one reading of it for the audit log and the rate limits. Behind the load balancer
 * the peer is the balancer: Quarkus replaces it with the forwarded address ({@code quarkus.http.proxy.*}) only when
 * the peer is one of the trusted proxies, so a client that sends its own X-Forwarded-For or Forwarded header straight
 * to a replica is taken as itself.
 * <p>
 * Two forms: {@link #of} is the client's own address, as the audit records it; {@link #countedAs} is the client a
 * limit counts, an IPv6 address widened to its /64. The request filter keeps the first on the request's own Vert.x
 * context, so that the {@link Caller} made for a money or operator action carries it into the audit row without
 * every service passing it along.
 */
public class ClientAddress {

    private static final String KEY = "hpf.client-address";
    private static final String UNKNOWN = "unknown";

    /** The client's own address, or null when there is none (a domain socket, a forwarded name that is no address). */
    public static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        if (remote == null) {
            return null;
        }
        // Quarkus keeps the brackets of an IPv6 address from a Forwarded header ("for=\"[2001:db8::1]\""), and
        // Vert.x then reads no address in it: every such client would be one unknown client.
        return remote.hostAddress() != null ? remote.hostAddress() : literal(remote.host());
    }

    /** The client a limit counts this request as (see {@link #countedAs(String)}); every addressless one is one. */
    public static String countedAs(HttpServerRequest request) {
        String address = of(request);
        return address == null ? UNKNOWN : countedAs(address);
    }

    /**
     * Its IPv4 address, or its IPv6 /64: one subscriber is given a whole /64, and counting single IPv6 addresses
     * would give it more fresh counters than it could ever use.
     */
    public static String countedAs(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A literal address is parsed, never looked up.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64"
                    : InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static String literal(String host) {
        if (host == null || !host.startsWith("[") || !host.endsWith("]")) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host.substring(1, host.length() - 1));
        try {
            return bytes == null ? null : InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @ServerRequestFilter
    public void remember(RoutingContext rc) {
        String address = of(rc.request());
        if (address != null && isRequestContext()) {
            ContextLocals.put(KEY, address);
        }
    }

    /** This request's own address, or null outside a request (jobs, callbacks from the database's side). */
    public static String current() {
        return isRequestContext() ? ContextLocals.<String>get(KEY).orElse(null) : null;
    }

    private static boolean isRequestContext() {
        return VertxContext.isOnDuplicatedContext();
    }
}
