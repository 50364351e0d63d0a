package cn.hpf.mobile.partner.consent;

import cn.hpf.mobile.partner.PartnerConfig;
import cn.hpf.mobile.partner.PartnerRefusal;
import cn.hpf.mobile.partner.Scope;
import cn.hpf.mobile.partner.channel.ChannelApp;
import cn.hpf.partner.client.Pkce;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Member tokens a partner app holds (Alipay's auth_code flow with OAuth's protections): a one-use code bound to
 * PKCE becomes an access token (short) and a refresh token (spent by its use). A code or refresh token presented a
 * second time revokes everything issued from it. Every check is made in PostgreSQL, so a revocation is in force on
 * every replica at once.
 */
@ApplicationScoped
public class PartnerTokens {

    static final String ACCESS_PREFIX = "hpfat_";
    static final String REFRESH_PREFIX = "hpfrt_";

    /** A verified member token: whose, and the scopes in force. */
    public record Member(long memberId, String openId, List<Scope> scopes) {
    }

    /** What the token endpoint answers. */
    public record Issued(String accessToken, String refreshToken, long expiresIn, String openId, List<String> scopes) {
    }

    private final ConsentRepository consents;
    private final OpenIds openIds;
    private final PartnerConfig config;

    public PartnerTokens(ConsentRepository consents, OpenIds openIds, PartnerConfig config) {
        this.consents = consents;
        this.openIds = openIds;
        this.config = config;
    }

    /** The member an access token acts for; 401 MEMBER_TOKEN_INVALID when it is missing, expired, revoked or another app's. */
    public Uni<Member> verify(ChannelApp app, String token) {
        if (token == null || !token.startsWith(ACCESS_PREFIX) || token.length() > 200) {
            return Uni.createFrom().failure(PartnerRefusal.MEMBER_TOKEN_INVALID.error());
        }
        return consents.verify(Secrets.hash(token), app.appId()).map(found -> {
            if (found == null) {
                throw PartnerRefusal.MEMBER_TOKEN_INVALID.error();
            }
            return new Member(found.memberId(), openIds.of(app.appId(), found.memberId()),
                    Scope.fromNames(found.scopes()));
        });
    }

    Uni<Issued> exchangeCode(ChannelApp app, String code, String verifier) {
        if (code == null || code.length() > 200 || verifier == null || verifier.length() < 43 || verifier.length() > 128) {
            return Uni.createFrom().failure(PartnerRefusal.INVALID_GRANT.error());
        }
        byte[] codeHash = Secrets.hash(code);
        String access = Secrets.newSecret(ACCESS_PREFIX);
        String refresh = Secrets.newSecret(REFRESH_PREFIX);
        return consents.exchange(app.appId(), codeHash, Pkce.challenge(verifier), UUID.randomUUID(),
                        Secrets.hash(access), Secrets.hash(refresh), ttl(true), ttl(false))
                .chain(issued -> issued != null ? Uni.createFrom().item(answer(app, issued, access, refresh))
                        : consents.revokeReusedCode(codeHash).map(revoked -> {
                            throw PartnerRefusal.INVALID_GRANT.error(revoked > 0
                                    ? "This code was already used: what it was exchanged for is revoked."
                                    : "The code is unknown, expired, another app's, or the code verifier does not "
                                    + "match.");
                        }));
    }

    Uni<Issued> refresh(ChannelApp app, String refreshToken) {
        if (refreshToken == null || !refreshToken.startsWith(REFRESH_PREFIX) || refreshToken.length() > 200) {
            return Uni.createFrom().failure(PartnerRefusal.INVALID_GRANT.error());
        }
        byte[] hash = Secrets.hash(refreshToken);
        return consents.refreshFamily(hash, app.appId()).chain(found -> {
            if (found == null) {
                return Uni.createFrom().failure(PartnerRefusal.INVALID_GRANT.error());
            }
            UUID family = (UUID) found[0];
            if ((Boolean) found[1]) {
                // A spent refresh token came back: someone holds a copy. Revoke the whole family.
                return consents.revokeFamily(family).map(n -> {
                    throw PartnerRefusal.INVALID_GRANT.error(
                            "This refresh token was already used: its family of tokens is revoked.");
                });
            }
            String access = Secrets.newSecret(ACCESS_PREFIX);
            String refresh = Secrets.newSecret(REFRESH_PREFIX);
            return consents.refresh(app.appId(), hash, family, Secrets.hash(access), Secrets.hash(refresh), ttl(true),
                    ttl(false)).map(issued -> {
                        if (issued == null) {
                            throw PartnerRefusal.INVALID_GRANT.error();
                        }
                        return answer(app, issued, access, refresh);
                    });
        });
    }

    private Issued answer(ChannelApp app, ConsentRepository.Issued issued, String access, String refresh) {
        return new Issued(access, refresh, config.accessTokenTtl().toSeconds(), openIds.of(app.appId(),
                issued.memberId()), List.of(issued.scopes()));
    }

    private long ttl(boolean access) {
        return (access ? config.accessTokenTtl() : config.refreshTokenTtl()).toMillis();
    }
}
