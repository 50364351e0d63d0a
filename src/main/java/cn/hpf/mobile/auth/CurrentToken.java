package cn.hpf.mobile.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.jwt.auth.cdi.NullJsonWebToken;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's token as routes read it, whoever verified it. smallrye-jwt and quarkus-oidc both produce a
 * {@link JsonWebToken}, each knowing only its own identities (quarkus-oidc's would answer an empty token for ours),
 * so this one takes the verified principal itself: ours, or a provider's as {@code ProviderIdentityMapper} mapped it.
 */
@Alternative
@Priority(3)
@RequestScoped
public class CurrentToken {

    @Inject
    SecurityIdentity identity;

    @Produces
    @RequestScoped
    JsonWebToken current() {
        return !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token
                ? token : new NullJsonWebToken();
    }
}
