package cn.hpf.mobile.auth.provider;

import cn.hpf.mobile.common.SandboxConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/auth/sign-in-options")
@Tag(name = "auth")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class SignInOptionsResource {

    @Schema(name = "IdentityProviderOption", description = "What a public client needs for the authorization-code "
            + "flow with PKCE at the centre's identity provider; its endpoints come from the provider's discovery "
            + "document.")
    public record IdentityProvider(
            @Schema(examples = "浙里办") String name,
            @Schema(examples = "https://sso.hpf.example/realms/hpf") String issuer,
            @Schema(examples = "https://sso.hpf.example/realms/hpf/.well-known/openid-configuration")
            String discoveryUrl,
            @Schema(examples = "hpf-mobile-h5") String clientId,
            @Schema(examples = "openid profile") String scopes,
            @Schema(enumeration = "S256") String codeChallengeMethod) {
    }

    @Schema(name = "SignInOptions")
    public record SignInOptions(
            @Schema(description = "null when no identity provider is configured") IdentityProvider identityProvider,
            @Schema(description = "Member number or ID number, password and an SMS code") boolean smsCode,
            @Schema(description = "Face sign-in through the face-verification provider") boolean face,
            @Schema(description = "The sandbox's password login (POST /v1/auth/token)") boolean sandboxPassword) {
    }

    private final SignInOptions options;

    public SignInOptionsResource(ProviderSettings provider, SandboxConfig sandbox) {
        IdentityProvider idp = null;
        if (provider.enabled()) {
            ProviderConfig c = provider.config();
            String base = c.authServerUrl().orElseThrow().replaceAll("/+$", "");
            idp = new IdentityProvider(c.name().orElse(provider.issuer()), provider.issuer(),
                    base + "/.well-known/openid-configuration", c.clientId(), c.scopes(), "S256");
        }
        this.options = new SignInOptions(idp, true, true, sandbox.enabled());
    }

    @GET
    @Operation(operationId = "getSignInOptions", summary = "How members and operators can sign in here",
            description = "Read by the app and the H5 page before showing the sign-in screen: the identity provider "
                    + "(for the authorization-code flow with PKCE; its access tokens are then accepted by this API "
                    + "as bearer tokens) and the app's own ways.")
    @APIResponse(responseCode = "200", description = "The sign-in options of this deployment")
    @APIResponse(responseCode = "503", description = "Saturated (SERVICE_BUSY); retry after Retry-After seconds")
    public SignInOptions options() {
        return options;
    }
}
