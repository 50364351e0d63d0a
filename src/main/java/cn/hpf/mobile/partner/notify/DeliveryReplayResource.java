package cn.hpf.mobile.partner.notify;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Operator;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators deliver a partner notification again. */
@Path("/v1/ops/deliveries")
@Tag(name = "partner-channels")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryReplayResource {

    private final EventRepository events;
    private final NotificationDispatcher dispatcher;

    private final JsonWebToken jwt;

    public DeliveryReplayResource(EventRepository events, NotificationDispatcher dispatcher, JsonWebToken jwt) {
        this.events = events;
        this.dispatcher = dispatcher;
        this.jwt = jwt;
    }

    @POST
    @Path("/{id}/replay")
    @NonBlocking
    @Operation(operationId = "replayDelivery", summary = "Deliver a notification again",
            description = "A DELIVERED or FAILED event is PENDING again, due now, with a fresh retry schedule; "
                    + "the partner gets the same eventId again. Audited (DELIVERY_REPLAY).")
    @APIResponse(responseCode = "202", description = "Queued")
    @APIResponse(responseCode = "404", description = "DELIVERY_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "DELIVERY_PENDING: it is still being delivered")
    public Uni<Response> replay(@PathParam("id") String id) {
        UUID eventId;
        try {
            eventId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("DELIVERY_NOT_FOUND", "No such delivery.");
        }
        return events.replay(eventId, Operator.of(jwt)).chain(replayed -> {
            if (replayed) {
                dispatcher.wake();
                return Uni.createFrom().item(Response.accepted(Map.of("eventId", eventId, "status",
                        DeliveryStatus.PENDING.name())).build());
            }
            return events.exists(eventId).map(exists -> {
                throw exists ? ApiException.conflict("DELIVERY_PENDING", "This delivery is still pending.")
                        : ApiException.notFound("DELIVERY_NOT_FOUND", "No such delivery.");
            });
        });
    }
}
