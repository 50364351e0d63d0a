package cn.hpf.mobile.auth.provider;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.auth.provider.IdentityLinkRepository.Linked;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Channel;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Turns a person the identity provider vouched for into one of ours, in the same shape as our own tokens, so that
 * every route reads {@code sub}, groups and channel the same way whoever signed the token: a member by her stored
 * link (made on first sign-in from the verified ID-number claim), an operator by the configured provider role.
 * The provider's own role names never become ours: a provider role that happens to be called "operator" grants
 * nothing.
 */
@ApplicationScoped
public class ProviderIdentityMapper implements SecurityIdentityAugmentor {

    /**
     * A bounded memory of links spares PostgreSQL a query per request. Links are never rewritten, but one removed by
     * the centre (a wrong link) must stop working everywhere soon: each is trusted for a short while only.
     */
    static final int REMEMBERED_LINKS = 50_000;
    static final long REMEMBER_LINK_MILLIS = 60_000;
    private static final String TENANT_ATTRIBUTE = "tenant-id";

    private final ProviderSettings settings;
    private final IdentityLinkRepository links;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(Linked linked, long until) {
    }

    public ProviderIdentityMapper(ProviderSettings settings, IdentityLinkRepository links) {
        this.settings = settings;
        this.links = links;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !ProviderTenantResolver.TENANT.equals(identity.getAttribute(TENANT_ATTRIBUTE))) {
            return Uni.createFrom().item(identity);
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            // Only a signed JWT the provider issued for us names a person we can map; anything else acts for nobody.
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        if (identity.getRoles().contains(settings.config().operatorRole())) {
            return Uni.createFrom().item(operator(identity, token));
        }
        return member(token).map(linked -> mapped(identity, token, Long.toString(linked.memberId()),
                linked.memberNo(), TokenService.MEMBER, Channel.APP));
    }

    private Uni<Linked> member(JsonWebToken token) {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            return Uni.createFrom().failure(notLinked());
        }
        String key = token.getIssuer() + '\n' + subject;
        Remembered known = remembered.get(key);
        if (known != null && known.until() > System.currentTimeMillis()) {
            return Uni.createFrom().item(known.linked());
        }
        String idNumber = verifiedIdNumber(token);
        // A first sign-in racing another replica's finds nothing the first time and that replica's link the second.
        return links.link(token.getIssuer(), subject, idNumber)
                .chain(found -> found != null || idNumber == null ? Uni.createFrom().item(found)
                        : links.link(token.getIssuer(), subject, idNumber))
                .onFailure(IdentityLinkRepository::isSecondAccount).transform(e -> new ApiException(403,
                        "IDENTITY_ALREADY_LINKED", "This member is already linked to another account of the "
                        + "identity provider; sign in with that one or ask the centre.", null, null))
                .map(found -> {
                    if (found == null) {
                        throw notLinked();
                    }
                    if (remembered.size() >= REMEMBERED_LINKS) {
                        remembered.clear();
                    }
                    remembered.put(key, new Remembered(found, System.currentTimeMillis() + REMEMBER_LINK_MILLIS));
                    return found;
                });
    }

    private String verifiedIdNumber(JsonWebToken token) {
        var verifiedClaim = settings.config().idNumberVerifiedClaim();
        if (verifiedClaim.isPresent() && !isTrue(token.getClaim(verifiedClaim.get()))) {
            return null;
        }
        Object value = token.getClaim(settings.config().idNumberClaim());
        String idNumber = value == null ? null : value.toString().replace("\"", "").trim().toUpperCase(Locale.ROOT);
        return idNumber == null || idNumber.isEmpty() ? null : idNumber;
    }

    private static boolean isTrue(Object claim) {
        return claim != null && "true".equalsIgnoreCase(claim.toString().replace("\"", ""));
    }

    /** The actor in the books is the provider's stable subject; the username, which people may change, is shown. */
    private static SecurityIdentity operator(SecurityIdentity identity, JsonWebToken token) {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new AuthenticationFailedException();
        }
        Object preferred = token.getClaim(Claims.preferred_username.name());
        String name = preferred == null ? subject : preferred.toString().replace("\"", "");
        return mapped(identity, token, "operator:idp:" + subject, name, TokenService.OPERATOR, Channel.COUNTER);
    }

    private static SecurityIdentity mapped(SecurityIdentity identity, JsonWebToken token, String subject,
                                           String upn, String role, Channel channel) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(token.getIssuer());
        claims.setSubject(subject);
        claims.setClaim(Claims.upn.name(), upn);
        claims.setStringListClaim(Claims.groups.name(), List.of(role));
        claims.setClaim(Caller.CHANNEL_CLAIM, channel.name());
        claims.setClaim("idp_sub", token.getSubject());
        claims.setExpirationTime(NumericDate.fromSeconds(token.getExpirationTime()));
        var principal = new DefaultJWTCallerPrincipal(token.getRawToken(), "JWT", claims);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(principal)
                .addRole(role)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .build();
    }

    private static ApiException notLinked() {
        return new ApiException(403, "IDENTITY_NOT_LINKED", "No member of the centre matches this account of the "
                + "identity provider (its verified ID-card number is missing or matches no member).", null, null);
    }
}
