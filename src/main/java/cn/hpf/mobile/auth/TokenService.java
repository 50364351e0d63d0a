package cn.hpf.mobile.auth;

import cn.hpf.mobile.auth.session.RefreshTokenState;
import cn.hpf.mobile.auth.session.RefreshTokens;
import cn.hpf.mobile.auth.session.RevocationView;
import cn.hpf.mobile.auth.session.RevokeReason;
import cn.hpf.mobile.auth.session.SessionRepository;
import cn.hpf.mobile.auth.session.SessionRepository.Subject;
import cn.hpf.mobile.auth.session.SubjectKind;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Channel;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Sessions and their tokens. Every sign-in opens a session: short-lived RS256 access tokens ({@code sub} = member
 * or operator id, groups = role, {@code sid} = the session) and a rotating refresh token.
 */
@ApplicationScoped
public class TokenService {

    public static final String MEMBER = "member";
    public static final String OPERATOR = "operator";
    private static final String OPERATOR_SUBJECT = "operator:";

    private final AuthConfig config;
    private final SigningKeys keys;
    private final SessionRepository sessions;
    private final RevocationView revocations;

    public TokenService(AuthConfig config, SigningKeys keys, SessionRepository sessions, RevocationView revocations) {
        this.config = config;
        this.keys = keys;
        this.sessions = sessions;
        this.revocations = revocations;
    }

    /** Signs a member in: the tokens of a new session, whichever way she proved who she is. */
    public Uni<TokenResponse> memberSession(long memberId, String memberNo, Channel channel) {
        return open(new Subject(UUID.randomUUID(), SubjectKind.MEMBER, memberId, memberNo, channel.name()));
    }

    /** Signs an operator in. */
    public Uni<TokenResponse> operatorSession(long operatorId, String username) {
        return open(new Subject(UUID.randomUUID(), SubjectKind.OPERATOR, operatorId, username,
                Channel.COUNTER.name()));
    }

    /**
     * The next pair of a session for an ACTIVE refresh token; 401 REFRESH_TOKEN_REUSED (and the session revoked)
     * for a used one, 401 REFRESH_TOKEN_INVALID for any other.
     */
    public Uni<TokenResponse> refresh(String refreshToken) {
        byte[] presented = RefreshTokens.hash(refreshToken);
        String next = RefreshTokens.newToken();
        return sessions.rotate(presented, RefreshTokens.hash(next), config.refresh().memberTtl(),
                        config.refresh().operatorTtl())
                .chain(subject -> subject != null ? Uni.createFrom().item(tokens(subject, next))
                        : sessions.refuse(presented).map(found -> {
                            if (found != null && found.state().revokesSession()) {
                                revocations.revokedHere(List.of(found.sessionId()));
                            }
                            throw RefreshTokenState.refusal(found == null ? null : found.state());
                        }));
    }

    /**
     * Ends the caller's session (and the session of {@code refreshToken}, when it is hers): its refresh tokens are
     * dead at once, its access tokens at once here and within the revocation views' staleness elsewhere.
     */
    public Uni<Void> logout(String subject, Set<String> groups, String sessionId, String refreshToken) {
        UUID session = uuid(sessionId);
        if (session == null && refreshToken == null) {
            // Nothing of ours to end: a provider's token, whose session ends at the provider.
            return Uni.createFrom().voidItem();
        }
        SubjectKind kind = groups.contains(OPERATOR) ? SubjectKind.OPERATOR : SubjectKind.MEMBER;
        long subjectId = subjectId(subject == null ? "" : subject, kind);
        return sessions.revoke(kind, subjectId, session, refreshToken == null ? null : RefreshTokens.hash(refreshToken),
                        RevokeReason.LOGOUT)
                .invoke(revocations::revokedHere)
                .replaceWithVoid();
    }

    private Uni<TokenResponse> open(Subject subject) {
        String refresh = RefreshTokens.newToken();
        return sessions.open(subject, RefreshTokens.hash(refresh), refreshTtl(subject.kind()))
                .map(ignored -> tokens(subject, refresh));
    }

    private TokenResponse tokens(Subject subject, String refreshToken) {
        long ttl = config.tokenTtl().toSeconds();
        boolean member = subject.kind() == SubjectKind.MEMBER;
        String token = Jwt.issuer(config.issuer())
                .subject(member ? Long.toString(subject.subjectId()) : OPERATOR_SUBJECT + subject.subjectId())
                .upn(subject.login())
                .groups(Set.of(member ? MEMBER : OPERATOR))
                .claim(Caller.CHANNEL_CLAIM, subject.channel())
                .claim(VerifiedTokenCache.SESSION_CLAIM, subject.sessionId().toString())
                .expiresIn(ttl)
                .jws().keyId(keys.keyId())
                .sign(keys.privateKey());
        return new TokenResponse(token, "Bearer", ttl, refreshToken, refreshTtl(subject.kind()).toSeconds());
    }

    private Duration refreshTtl(SubjectKind kind) {
        return kind == SubjectKind.MEMBER ? config.refresh().memberTtl() : config.refresh().operatorTtl();
    }

    private static long subjectId(String subject, SubjectKind kind) {
        String id = kind == SubjectKind.OPERATOR && subject.startsWith(OPERATOR_SUBJECT)
                ? subject.substring(OPERATOR_SUBJECT.length()) : subject;
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new io.quarkus.security.UnauthorizedException();
        }
    }

    private static UUID uuid(String sessionId) {
        try {
            return sessionId == null ? null : UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
