package cn.hpf.mobile.partner.signing;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.http.RequestGuard;
import cn.hpf.mobile.partner.PartnerConfig;
import cn.hpf.mobile.partner.PartnerRefusal;
import cn.hpf.mobile.partner.Scope;
import cn.hpf.mobile.partner.channel.ChannelApp;
import cn.hpf.mobile.partner.channel.ChannelService;
import cn.hpf.mobile.partner.consent.PartnerTokens;
import cn.hpf.partner.client.HpfSignature;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The partner door. Every /partner/** operation (but the public key list) passes here first, with the request's
 * raw body, before anything in the request is believed. The checks run in this order, each with its own answer:
 * the header's grammar and the app ({@code INVALID_SIGNATURE}, {@code UNKNOWN_APP}), the timestamp, the key and
 * the signature over the exact bytes sent, a suspended app, the nonce (recorded only once the signature is good),
 * the rate limit, the member token, the scope.
 */
@ApplicationScoped
public class PartnerGate {

    private static final Logger LOG = Logger.getLogger(PartnerGate.class);

    /** What an operation needs: a scope of the app's, and whether it acts for a member (a member token). */
    public record Needs(Scope scope, boolean member) {

        public static Needs member(Scope scope) {
            return new Needs(scope, true);
        }

        /** A member token; the operation checks the scope itself once it has read the body. */
        public static Needs memberAnyScope() {
            return new Needs(null, true);
        }

        public static Needs app(Scope scope) {
            return new Needs(scope, false);
        }

        /** Any signed request of the app (the token exchange, the event feed). */
        public static Needs signature() {
            return new Needs(null, false);
        }
    }

    private final ChannelService channels;
    private final ReplayGuard replays;
    private final PartnerTokens tokens;
    private final PartnerConfig config;
    private final Clock clock;

    public PartnerGate(ChannelService channels, ReplayGuard replays, PartnerTokens tokens, PartnerConfig config,
                       Clock clock) {
        this.channels = channels;
        this.replays = replays;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
    }

    public Uni<PartnerCaller> admit(HttpServerRequest request, byte[] body, Needs needs) {
        SignatureHeader h = SignatureHeader.parse(request.getHeader("Authorization"));
        if (h == null) {
            return Uni.createFrom().failure(PartnerRefusal.INVALID_SIGNATURE.error(
                    request.getHeader("Authorization") == null
                            ? "Sign the request: Authorization: " + HpfSignature.SCHEME + " app_id=\"…\",key_id=\"…\","
                            + "timestamp=\"…\",nonce=\"…\",signature=\"…\"."
                            : "The Authorization header does not follow the " + HpfSignature.SCHEME + " grammar."));
        }
        byte[] bytes = body == null ? new byte[0] : body;
        return channels.find(h.appId()).chain(app -> {
            verify(app, h, request, bytes);
            return replays.check(app.appId(), app.replayMemoryStarted(), h.nonce(), h.epochSeconds(),
                            app.rateLimitPerSecond())
                    .call(verdict -> app.replayMemoryStarted() ? Uni.createFrom().voidItem()
                            : channels.markReplayMemoryStarted(app.appId()))
                    .onFailure().transform(e -> {
                        LOG.warnf("Partner replay check unavailable: %s", e.toString());
                        return PartnerRefusal.PARTNER_API_UNAVAILABLE.error();
                    })
                    .chain(verdict -> switch (verdict) {
                        case REPLAYED -> Uni.createFrom().failure(PartnerRefusal.NONCE_REPLAYED.error());
                        case RATE_LIMITED -> Uni.createFrom().failure(PartnerRefusal.RATE_LIMITED.error(
                                "More than " + app.rateLimitPerSecond() + " requests in one second from this app."));
                        case FRESH -> afterSignature(app, request, bytes, needs);
                    });
        });
    }

    /** Everything up to the signature, synchronously: no I/O. */
    private void verify(ChannelApp app, SignatureHeader h, HttpServerRequest request, byte[] body) {
        if (app == null) {
            throw PartnerRefusal.UNKNOWN_APP.error();
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - h.epochSeconds());
        if (skew > config.timestampWindow().toSeconds()) {
            throw PartnerRefusal.TIMESTAMP_OUT_OF_WINDOW.error();
        }
        RSAPublicKey key = app.keys().get(h.keyId());
        if (key == null) {
            throw PartnerRefusal.INVALID_SIGNATURE.error("No active key " + h.keyId() + " for this app.");
        }
        byte[] signed = HpfSignature.requestBytes(request.method().name(), request.uri(), h.timestamp(), h.nonce(), body);
        if (!HpfSignature.verify(key, signed, h.signature())) {
            throw PartnerRefusal.INVALID_SIGNATURE.error("The signature does not match the request as received.");
        }
        if (app.suspended()) {
            throw PartnerRefusal.CHANNEL_SUSPENDED.error();
        }
    }

    private Uni<PartnerCaller> afterSignature(ChannelApp app, HttpServerRequest request, byte[] body, Needs needs) {
        if (body.length > 0 && !RequestGuard.isJson(request.getHeader("Content-Type"))) {
            return Uni.createFrom().failure(new ApiException(415, "UNSUPPORTED_MEDIA_TYPE",
                    "Send the body as application/json in UTF-8.", null, null));
        }
        if (!needs.member()) {
            if (needs.scope() != null && !app.allows(needs.scope())) {
                return Uni.createFrom().failure(PartnerRefusal.SCOPE_NOT_GRANTED.error(
                        "This app may not use the " + needs.scope().value() + " scope."));
            }
            return Uni.createFrom().item(new PartnerCaller(app, null, null, java.util.List.of()));
        }
        return tokens.verify(app, request.getHeader(HpfSignature.MEMBER_TOKEN_HEADER)).map(member -> {
            PartnerCaller caller = new PartnerCaller(app, member.memberId(), member.openId(), member.scopes());
            if (needs.scope() != null) {
                caller.requireScope(needs.scope());
            }
            return caller;
        });
    }
}
