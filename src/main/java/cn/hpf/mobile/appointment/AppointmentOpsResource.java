package cn.hpf.mobile.appointment;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.Operator;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators set how many members a slot takes and close an outlet for a day. */
@Path("/v1/ops/outlets/{id}")
@Tag(name = "appointments")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class AppointmentOpsResource {

    private final AppointmentOpsService ops;
    private final JsonWebToken jwt;

    public AppointmentOpsResource(AppointmentOpsService ops, JsonWebToken jwt) {
        this.ops = ops;
        this.jwt = jwt;
    }

    @PUT
    @Path("/capacity")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setAppointmentCapacity", summary = "Set members per slot, per service and weekday",
            description = "Sets the rows given (others unchanged). A capacity lowered below the bookings a slot "
                    + "already has keeps them all; the slot shows 0 remaining until enough are cancelled. 0 stops "
                    + "new bookings of the service that weekday.")
    @APIResponse(responseCode = "200", description = "The outlet's whole capacity table",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CapacityTable.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER: items missing or over 200 rows, "
            + "items[i].service, items[i].weekday (1–7), items[i].capacityPerSlot (0–1000), or a repeated row")
    @APIResponse(responseCode = "404", description = "OUTLET_NOT_FOUND, or SERVICE_NOT_FOUND (items[i].service)")
    @APIResponse(responseCode = "422", description = "SERVICE_ONLINE or SERVICE_NOT_AT_OUTLET (items[i].service)")
    public Uni<CapacityTable> setCapacity(
            @Parameter(description = "The outlet's id", schema = @Schema(type = SchemaType.STRING, examples = "xs-guali"))
            @PathParam("id") String outletId, CapacityRequest body) {
        Operator by = Operator.of(jwt);
        return Uni.createFrom().deferred(() -> ops.setCapacity(outletId, body, by));
    }

    @POST
    @Path("/closures")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "closeOutlet", summary = "Close the outlet for a day",
            description = "No slots that day. Its bookings not yet started become CANCELLED_BY_CENTRE with the "
                    + "reason, which the members see in GET /v1/me/appointments; their seats are freed.")
    @APIResponse(responseCode = "201", description = "Closed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClosureView.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER: date missing or in the past, reason "
            + "missing or over 200 characters")
    @APIResponse(responseCode = "404", description = "OUTLET_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "OUTLET_ALREADY_CLOSED: that day is already closed")
    public Uni<Response> close(
            @Parameter(description = "The outlet's id", schema = @Schema(type = SchemaType.STRING, examples = "xs-guali"))
            @PathParam("id") String outletId, ClosureRequest body) {
        Operator by = Operator.of(jwt);
        return Uni.createFrom().deferred(() -> ops.close(outletId, body, by))
                .map(v -> Response.status(201).entity(v).build());
    }
}
