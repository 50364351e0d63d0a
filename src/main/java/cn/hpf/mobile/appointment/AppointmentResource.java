package cn.hpf.mobile.appointment;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Params;
import cn.hpf.mobile.common.idempotency.Idempotency;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/** 预约受理: book a slot at an outlet for a service that still needs a visit. */
@Path("/v1")
@Tag(name = "appointments", description = "预约受理: slots, bookings and calendar entries for the services "
        + "that still need a visit; operators set capacities and close days")
@Produces(MediaType.APPLICATION_JSON)
public class AppointmentResource {

    private final AppointmentService appointments;
    private final JsonWebToken jwt;

    public AppointmentResource(AppointmentService appointments, JsonWebToken jwt) {
        this.appointments = appointments;
        this.jwt = jwt;
    }

    @GET
    @Path("/appointments/slots")
    @PermitAll
    @NonBlocking
    @Operation(operationId = "listAppointmentSlots", summary = "Bookable slots of an outlet's day for a service",
            description = "30-minute slots within the outlet's opening hours that day (Asia/Shanghai), from now on, "
                    + "with the capacity the operators set for the service and weekday and the seats still free. "
                    + "Empty on a day the outlet is closed or does not open, or when it takes no appointments for "
                    + "the service that weekday.")
    @APIResponse(responseCode = "200", description = "The slots, earliest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SlotList.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER: outletId, service or date missing; date not "
            + "yyyy-MM-dd, in the past or beyond the booking window (30 days)")
    @APIResponse(responseCode = "404", description = "OUTLET_NOT_FOUND (outletId) or SERVICE_NOT_FOUND (service)")
    @APIResponse(responseCode = "422", description = "SERVICE_ONLINE (done entirely online: no appointment needed) or "
            + "SERVICE_NOT_AT_OUTLET (the outlet does not handle it)")
    public Uni<SlotList> slots(
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, examples = "xs-citizen-centre"))
            @QueryParam("outletId") String outletId,
            @Parameter(required = true, description = "A service code of the guide (mode APPOINTMENT or COUNTER)",
                    schema = @Schema(type = SchemaType.STRING, examples = "WITHDRAW_SERIOUS_ILLNESS"))
            @QueryParam("service") String service,
            @Parameter(required = true, description = "The day, Asia/Shanghai",
                    schema = @Schema(type = SchemaType.STRING, format = "date", examples = "2026-12-03"))
            @QueryParam("date") String date) {
        String outlet = required(outletId, "outletId");
        String code = required(service, "service");
        LocalDate day = Params.date(date, "date");
        if (day == null) {
            throw ApiException.invalidField("date", "date is required, like 2026-12-03.");
        }
        return Uni.createFrom().deferred(() -> appointments.slots(outlet, code, day));
    }

    // The booking runs to its end even when the client hangs up: its retry then gets the stored answer.
    @Cancellable(false)
    @POST
    @Path("/appointments")
    @RolesAllowed(TokenService.MEMBER)
    @SecurityRequirement(name = "memberJwt")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAppointment", summary = "Book a slot (预约)",
            description = "Takes one seat of the slot. One active appointment per member and service, whatever the "
                    + "outlet. Retry with the same Idempotency-Key: the first 201 is replayed with "
                    + "Idempotent-Replayed: true.")
    @APIResponse(responseCode = "201", description = "Booked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AppointmentView.class)),
            headers = @Header(name = Idempotency.REPLAYED_HEADER, description = "true on a replayed answer"))
    @APIResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_REQUIRED, IDEMPOTENCY_KEY_INVALID, "
            + "INVALID_PARAMETER (outletId, service, slotStart) or MALFORMED_JSON")
    @APIResponse(responseCode = "404", description = "OUTLET_NOT_FOUND (outletId) or SERVICE_NOT_FOUND (service)")
    @APIResponse(responseCode = "409", description = "SLOT_FULL (no seat left), APPOINTMENT_EXISTS (an active "
            + "appointment for this service already) or IDEMPOTENCY_KEY_IN_FLIGHT")
    @APIResponse(responseCode = "422", description = "SERVICE_ONLINE, SERVICE_NOT_AT_OUTLET, SLOT_IN_PAST, "
            + "SLOT_NOT_OFFERED (no slot starts then, beyond the booking window, or no capacity that weekday), "
            + "OUTLET_CLOSED (the outlet is closed that day; the detail says why) or IDEMPOTENCY_KEY_REUSED")
    public Uni<Response> book(
            @Parameter(in = ParameterIn.HEADER, name = Idempotency.HEADER, required = true,
                    description = "1–255 characters, reused on every retry of this booking")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            AppointmentRequest body) {
        return Uni.createFrom().deferred(() -> appointments.book(Caller.memberId(jwt), idempotencyKey, body));
    }

    @GET
    @Path("/me/appointments")
    @RolesAllowed(TokenService.MEMBER)
    @SecurityRequirement(name = "memberJwt")
    @NonBlocking
    @Operation(operationId = "listMyAppointments", summary = "The caller's appointments, latest start first",
            description = "At most 100. Cancelled ones stay listed; a closure's reason is in cancelReason.")
    @APIResponse(responseCode = "200", description = "The appointments",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AppointmentList.class)))
    public Uni<AppointmentList> mine() {
        return Uni.createFrom().deferred(() -> appointments.mine(Caller.memberId(jwt)));
    }

    @Cancellable(false)
    @DELETE
    @Path("/appointments/{id}")
    @RolesAllowed(TokenService.MEMBER)
    @SecurityRequirement(name = "memberJwt")
    @NonBlocking
    @Operation(operationId = "cancelAppointment", summary = "Cancel one of the caller's appointments",
            description = "Frees its seat. Idempotent: an appointment already cancelled (by the member or by the "
                    + "centre) is answered as it is, and its seat is freed only once.")
    @APIResponse(responseCode = "200", description = "The appointment, CANCELLED (or as it already was)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AppointmentView.class)))
    @APIResponse(responseCode = "404", description = "APPOINTMENT_NOT_FOUND (also another member's)")
    @APIResponse(responseCode = "409", description = "APPOINTMENT_STARTED: it has started or passed")
    public Uni<AppointmentView> cancel(
            @Parameter(description = "The appointment's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") String id) {
        return Uni.createFrom().deferred(() -> appointments.cancel(Caller.memberId(jwt), parseId(id)));
    }

    @GET
    @Path("/appointments/{id}/calendar.ics")
    @RolesAllowed(TokenService.MEMBER)
    @SecurityRequirement(name = "memberJwt")
    @NonBlocking
    @Produces(AppointmentCalendar.MEDIA_TYPE)
    @Operation(operationId = "getAppointmentCalendar", summary = "The appointment as a calendar entry (iCalendar)",
            description = "RFC 5545: one VEVENT (times in UTC) with the service, the outlet's name and address, and "
                    + "a reminder an hour before; STATUS:CANCELLED once cancelled.")
    @APIResponse(responseCode = "200", description = "text/calendar",
            content = @Content(mediaType = AppointmentCalendar.MEDIA_TYPE,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "APPOINTMENT_NOT_FOUND (also another member's)")
    public Uni<Response> calendar(
            @Parameter(description = "The appointment's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") String id) {
        UUID appointment = parseId(id);
        return Uni.createFrom().deferred(() -> appointments.calendar(Caller.memberId(jwt), appointment))
                .map(ics -> Response.ok(ics, AppointmentCalendar.MEDIA_TYPE + "; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"appointment-" + appointment + ".ics\"")
                        .build());
    }

    private static String required(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalidField(field, field + " is required.");
        }
        return raw.trim();
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw AppointmentService.notFound();
        }
    }
}
