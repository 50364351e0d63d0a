package cn.hpf.mobile.common.ratelimit;

import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The client a request is counted as. Behind the load balancer the peer is the balancer: Quarkus replaces it with
 * the forwarded address ({@code quarkus.http.proxy.*}) only when the peer is one of the trusted proxies, so a
 * client that sends its own X-Forwarded-For or Forwarded header straight to a replica is counted as itself.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null || request.remoteAddress().hostAddress() == null ? "unknown"
                : countedAs(request.remoteAddress().hostAddress());
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
}
