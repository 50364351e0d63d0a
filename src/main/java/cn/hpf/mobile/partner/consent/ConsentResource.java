package cn.hpf.mobile.partner.consent;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.Caller;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The member approves, lists and revokes partner apps acting for her (the consent screen calls these). */
@Path("/v1/me/channel-authorizations")
@Tag(name = "partner-channels")
@RolesAllowed(TokenService.MEMBER)
@SecurityRequirement(name = "memberJwt")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    private final ConsentService consents;
    private final JsonWebToken jwt;

    public ConsentResource(ConsentService consents, JsonWebToken jwt) {
        this.consents = consents;
        this.jwt = jwt;
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "approveChannel", summary = "Approve a partner app (its one-use code)",
            description = "The code lives 5 minutes, is used once, and is bound to the app, the member, the scopes, "
                    + "the redirectUri and the PKCE challenge. Redirect the member to redirectUri with code and state.")
    @APIResponse(responseCode = "201", description = "Approved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentGranted.class)))
    @APIResponse(responseCode = "400", description = "INVALID_SCOPE, INVALID_REDIRECT_URI or INVALID_PARAMETER "
            + "(appId, codeChallenge, codeChallengeMethod, state)")
    @APIResponse(responseCode = "403", description = "CHANNEL_SUSPENDED")
    @APIResponse(responseCode = "404", description = "APP_NOT_FOUND")
    public Uni<Response> approve(ConsentRequest body) {
        return consents.approve(Caller.memberId(jwt), body).map(g -> Response.status(201).entity(g).build());
    }

    @GET
    @NonBlocking
    @Operation(operationId = "listChannelAuthorizations", summary = "The partner apps that may act for me")
    @APIResponse(responseCode = "200", description = "Newest consent first")
    public Uni<ChannelAuthorizationView.Page> list() {
        return consents.list(Caller.memberId(jwt));
    }

    @DELETE
    @Path("/{appId}")
    @NonBlocking
    @Operation(operationId = "revokeChannelAuthorization", summary = "Stop a partner app acting for me",
            description = "Its member tokens stop working at once, on every replica.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "AUTHORIZATION_NOT_FOUND")
    public Uni<Void> revoke(@PathParam("appId") String appId) {
        return consents.revoke(Caller.memberId(jwt), appId);
    }
}
