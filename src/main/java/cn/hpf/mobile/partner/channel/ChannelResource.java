package cn.hpf.mobile.partner.channel;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a consent screen shows of a partner app: public. */
@Path("/v1/channels")
@Tag(name = "partner-channels")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ChannelResource {

    private final ChannelService channels;

    public ChannelResource(ChannelService channels) {
        this.channels = channels;
    }

    @GET
    @Path("/{appId}")
    @NonBlocking
    @Operation(operationId = "getPublicChannel", summary = "A partner app's name and the scopes it may ask for",
            description = "Public, for the consent screen (/h5/consent), which a member may open before signing in: "
                    + "the app's name, the scopes it may ask for, its registered redirectUri (the only address the "
                    + "screen sends her back to) and its status. Only active apps; nothing secret (no keys, no "
                    + "notify URL, no rate limit).")
    @APIResponse(responseCode = "200", description = "An active app",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PublicChannelView.class)))
    @APIResponse(responseCode = "404", description = "APP_NOT_FOUND: no app has this appId, or it is suspended")
    public Uni<PublicChannelView> get(@PathParam("appId") String appId) {
        return channels.publicView(appId);
    }
}
