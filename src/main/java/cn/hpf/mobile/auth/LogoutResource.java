package cn.hpf.mobile.auth;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sign-out, for members and operators alike. */
@Path("/v1/auth/logout")
@Tag(name = "auth")
@RolesAllowed({TokenService.MEMBER, TokenService.OPERATOR})
@SecurityRequirement(name = "memberJwt")
@SecurityRequirement(name = "operatorJwt")
public class LogoutResource {

    private final TokenService tokens;
    private final JsonWebToken jwt;

    public LogoutResource(TokenService tokens, JsonWebToken jwt) {
        this.tokens = tokens;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "logout", summary = "Sign out: revoke the caller's session",
            description = "Revokes the session of the bearer token (its `sid`), and the session of the refresh token "
                    + "in the body when it is the caller's too. Its refresh tokens are refused at once; its access "
                    + "tokens are refused at once by this replica and within a second by every other. The body is "
                    + "optional.")
    @APIResponse(responseCode = "204", description = "Signed out (also when the session was revoked already)")
    public Uni<Void> logout(@Valid @RequestBody(required = false) LogoutRequest request) {
        return tokens.logout(jwt.getSubject(), jwt.getGroups(), VerifiedTokenCache.sessionOf(jwt),
                request == null ? null : request.refreshToken());
    }

    /** The same without a body: a bare POST has no Content-Type, which the JSON method does not accept. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Void> logoutWithoutBody() {
        return logout(null);
    }
}
