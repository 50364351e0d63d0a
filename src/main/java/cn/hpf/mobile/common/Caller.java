package cn.hpf.mobile.common;

import io.quarkus.security.UnauthorizedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, read from the verified JWT (or from a partner's signed request): the member (or operator) id, the
 * channel and the actor string written next to every money action, for channel PARTNER the partner's app id, and
 * the client address the audit row records (read from the request being served; null outside one).
 */
public record Caller(long memberId, Channel channel, String actor, String appId, String clientAddress) {

    public static final String CHANNEL_CLAIM = "channel";

    public Caller(long memberId, Channel channel, String actor) {
        this(memberId, channel, actor, null);
    }

    public Caller(long memberId, Channel channel, String actor, String appId) {
        this(memberId, channel, actor, appId, ClientAddress.current());
    }

    public static Caller member(JsonWebToken jwt) {
        long id = memberId(jwt);
        Object ch = jwt.getClaim(CHANNEL_CLAIM);
        Channel channel;
        try {
            channel = ch == null ? Channel.APP : Channel.valueOf(ch.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw new UnauthorizedException(); // a channel we do not know cannot act on money
        }
        return new Caller(id, channel, "member:" + id);
    }

    /**
     * Just the member id, for routes that record no channel or actor (reads, and settings such as auto-transfer):
     * cheaper on the hottest routes than {@link #member}, which money actions use.
     */
    public static long memberId(JsonWebToken jwt) {
        String sub = jwt == null ? null : jwt.getSubject();
        if (sub == null) {
            throw new UnauthorizedException();
        }
        try {
            return Long.parseLong(sub);
        } catch (NumberFormatException e) {
            throw new UnauthorizedException();
        }
    }

    public static Caller system(String job) {
        return new Caller(0, Channel.SYSTEM, "system:" + job, null, null);
    }
}
