package cn.hpf.mobile.auth.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * The centre's identity provider. quarkus-oidc's tenant {@code centre} holds the protocol settings and reads the
 * shared ones from here (application.properties); this holds what only we need: which tokens go to it, how its
 * people become members or operators, and what the H5 page needs for its authorization-code flow.
 */
@ConfigMapping(prefix = "hpf.oidc")
public interface ProviderConfig {

    boolean enabled();

    /** Shown to members on the sign-in page, e.g. 浙里办. */
    Optional<String> name();

    /** The provider's issuer exactly as in its tokens' {@code iss}; a token with it goes to the provider's tenant. */
    Optional<String> issuer();

    @WithName("auth-server-url")
    Optional<String> authServerUrl();

    /** What the provider writes into {@code aud} of access tokens meant for this API. */
    String audience();

    /** The H5 page's public client, which signs in with the authorization-code flow and PKCE. */
    @WithName("client-id")
    String clientId();

    String scopes();

    /** The claim carrying the member's ID-card number, as verified by the provider's real-name check. */
    @WithName("id-number-claim")
    String idNumberClaim();

    /**
     * A claim that must be {@code true} before the ID-number claim is trusted to link a member (for providers that
     * also carry unverified, self-declared numbers).
     */
    @WithName("id-number-verified-claim")
    Optional<String> idNumberVerifiedClaim();

    /**
     * The provider verifies every ID number it puts into tokens (members cannot enter or edit it), so no
     * verified-claim is needed. Without this or {@link #idNumberVerifiedClaim()} the provider is refused at start.
     */
    @WithName("id-number-always-verified")
    boolean idNumberAlwaysVerified();

    /** The provider role that makes a person one of our operators; nothing else does. */
    @WithName("operator-role")
    String operatorRole();
}
