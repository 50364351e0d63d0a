package cn.hpf.mobile.auth;

import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Channel;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Mints short-lived RS256 access tokens: {@code sub} = member (or operator) id, groups = role. */
@ApplicationScoped
public class TokenService {

    public static final String MEMBER = "member";
    public static final String OPERATOR = "operator";

    private final AuthConfig config;
    private final SigningKeys keys;

    public TokenService(AuthConfig config, SigningKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    public TokenResponse memberToken(long memberId, String memberNo, Channel channel) {
        long ttl = config.tokenTtl().toSeconds();
        String token = Jwt.issuer(config.issuer())
                .subject(Long.toString(memberId))
                .upn(memberNo)
                .groups(Set.of(MEMBER))
                .claim(Caller.CHANNEL_CLAIM, channel.name())
                .expiresIn(ttl)
                .jws().keyId("hpf-1")
                .sign(keys.privateKey());
        return new TokenResponse(token, "Bearer", ttl);
    }

    public TokenResponse operatorToken(long operatorId, String username) {
        long ttl = config.tokenTtl().toSeconds();
        String token = Jwt.issuer(config.issuer())
                .subject("operator:" + operatorId)
                .upn(username)
                .groups(Set.of(OPERATOR))
                .claim(Caller.CHANNEL_CLAIM, Channel.COUNTER.name())
                .expiresIn(ttl)
                .jws().keyId("hpf-1")
                .sign(keys.privateKey());
        return new TokenResponse(token, "Bearer", ttl);
    }
}
