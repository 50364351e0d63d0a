package cn.hpf.mobile.partner.notify;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.Params;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators see every delivery attempt to a partner app. */
@Path("/v1/ops/channels/{appId}/deliveries")
@Tag(name = "partner-channels")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryOpsResource {

    @Schema(name = "DeliveryLog")
    public record Page(List<EventRepository.Delivery> items) {
    }

    private final EventRepository events;

    public DeliveryOpsResource(EventRepository events) {
        this.events = events;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "listChannelDeliveries", summary = "A partner app's notifications and each attempt",
            description = "Newest first: each attempt's time, HTTP status, latency and error.")
    @APIResponse(responseCode = "200", description = "The delivery log")
    @APIResponse(responseCode = "400", description = "status or limit malformed")
    public Uni<Page> deliveries(@PathParam("appId") String appId,
            @Parameter(schema = @Schema(implementation = DeliveryStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "1–500 (default 50)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        DeliveryStatus s = Params.enumValue(status, "status", DeliveryStatus.class);
        int size = Params.intInRange(limit, "limit", 1, 500, 50);
        return events.deliveries(appId, s == null ? null : s.name(), size).map(Page::new);
    }
}
