package cn.hpf.mobile.auth;

import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Channel;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
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

    /** Signs a member in: the tokens of a new session, whichever way she proved who she is. */
    public Uni<TokenResponse> memberSession(long memberId, String memberNo, Channel channel) {
        return Uni.createFrom().item(() -> memberToken(memberId, memberNo, channel));
    }

    /** Signs an operator in. */
    public Uni<TokenResponse> operatorSession(long operatorId, String username) {
        return Uni.createFrom().item(() -> operatorToken(operatorId, username));
    }

    public TokenResponse memberToken(long memberId, String memberNo, Channel channel) {
        return sign(Long.toString(memberId), memberNo, MEMBER, channel);
    }

    public TokenResponse operatorToken(long operatorId, String username) {
        return sign("operator:" + operatorId, username, OPERATOR, Channel.COUNTER);
    }

    private TokenResponse sign(String subject, String upn, String group, Channel channel) {
        long ttl = config.tokenTtl().toSeconds();
        String token = Jwt.issuer(config.issuer())
                .subject(subject)
                .upn(upn)
                .groups(Set.of(group))
                .claim(Caller.CHANNEL_CLAIM, channel.name())
                .expiresIn(ttl)
                .jws().keyId("hpf-1")
                .sign(keys.privateKey());
        return new TokenResponse(token, "Bearer", ttl);
    }
}
