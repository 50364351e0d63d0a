package cn.hpf.mobile.partner.channel;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.Operator;
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
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators register partner apps, suspend and resume them, and rotate their signing keys. */
@Path("/v1/ops/channels")
@Tag(name = "partner-channels")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelOpsResource {

    private final ChannelService channels;
    private final JsonWebToken jwt;

    public ChannelOpsResource(ChannelService channels, JsonWebToken jwt) {
        this.channels = channels;
        this.jwt = jwt;
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerChannel", summary = "Register a partner app",
            description = "Its first request-signing key, its notifyUrl, its one redirectUri, the scopes it may ask "
                    + "members for, and its rate limit. The appId is assigned.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER (name, keyId, publicKeyPem, notifyUrl, "
            + "redirectUri, rateLimitPerSecond) or INVALID_SCOPE")
    public Uni<Response> register(ChannelRequest body) {
        return channels.register(body, Operator.of(jwt)).map(v -> Response.status(201).entity(v).build());
    }

    @GET
    @NonBlocking
    @Operation(operationId = "listChannels", summary = "Registered partner apps")
    @APIResponse(responseCode = "200", description = "Every app, oldest first")
    public Uni<List<ChannelView>> list() {
        return channels.list();
    }

    @GET
    @Path("/{appId}")
    @NonBlocking
    @Operation(operationId = "getChannel", summary = "One partner app")
    @APIResponse(responseCode = "200", description = "The app")
    @APIResponse(responseCode = "404", description = "APP_NOT_FOUND")
    public Uni<ChannelView> get(@PathParam("appId") String appId) {
        return channels.view(appId);
    }

    @POST
    @Path("/{appId}/suspend")
    @NonBlocking
    @Operation(operationId = "suspendChannel", summary = "Suspend a partner app",
            description = "Its signed requests are refused with 403 CHANNEL_SUSPENDED within a second, on every "
                    + "replica; notifications wait.")
    @APIResponse(responseCode = "200", description = "Suspended")
    @APIResponse(responseCode = "404", description = "APP_NOT_FOUND")
    public Uni<ChannelView> suspend(@PathParam("appId") String appId) {
        return channels.setSuspended(appId, true, Operator.of(jwt));
    }

    @POST
    @Path("/{appId}/resume")
    @NonBlocking
    @Operation(operationId = "resumeChannel", summary = "Resume a suspended partner app")
    @APIResponse(responseCode = "200", description = "Active again")
    @APIResponse(responseCode = "404", description = "APP_NOT_FOUND")
    public Uni<ChannelView> resume(@PathParam("appId") String appId) {
        return channels.setSuspended(appId, false, Operator.of(jwt));
    }

    @POST
    @Path("/{appId}/keys")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addChannelKey", summary = "Add a request-signing key (rotation)",
            description = "Both keys are accepted until the old one is retired.")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER (keyId, publicKeyPem)")
    @APIResponse(responseCode = "404", description = "APP_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "KEY_EXISTS")
    public Uni<Response> addKey(@PathParam("appId") String appId, ChannelKeyRequest body) {
        return channels.addKey(appId, body, Operator.of(jwt)).map(v -> Response.status(201).entity(v).build());
    }

    @DELETE
    @Path("/{appId}/keys/{keyId}")
    @NonBlocking
    @Operation(operationId = "retireChannelKey", summary = "Retire a request-signing key",
            description = "Requests signed with it are refused (401 INVALID_SIGNATURE) within a second.")
    @APIResponse(responseCode = "204", description = "Retired")
    @APIResponse(responseCode = "404", description = "APP_NOT_FOUND or KEY_NOT_FOUND")
    public Uni<Void> retireKey(@PathParam("appId") String appId, @PathParam("keyId") String keyId) {
        return channels.retireKey(appId, keyId, Operator.of(jwt));
    }
}
