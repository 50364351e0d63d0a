package cn.hpf.mobile.transfer;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.idempotency.Idempotency;
import cn.hpf.mobile.common.live.StatusStreams;
import cn.hpf.mobile.payout.PayoutConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.Cancellable;

@Path("/v1")
@Tag(name = "transfers")
@Produces(MediaType.APPLICATION_JSON)
public class TransferResource {

    private final TransferService transfers;
    private final TransferInEventHub inEvents;
    private final TransferOutEventHub outEvents;
    private final PayoutConfig streams;
    private final JsonWebToken jwt;

    public TransferResource(TransferService transfers, TransferInEventHub inEvents, TransferOutEventHub outEvents,
                            PayoutConfig streams, JsonWebToken jwt) {
        this.transfers = transfers;
        this.inEvents = inEvents;
        this.outEvents = outEvents;
        this.streams = streams;
        this.jwt = jwt;
    }

    @Schema(name = "TransferCentreList")
    public record CentreList(List<TransferCentre> items) {
    }

    @Schema(name = "TransferInList", description = "Newest first")
    public record TransferInList(List<TransferInView> items) {
    }

    @Schema(name = "TransferOutList", description = "Newest first")
    public record TransferOutList(List<TransferOutView> items) {
    }

    @GET
    @Path("/transfer-centres")
    @PermitAll
    @NonBlocking
    @Operation(operationId = "listTransferCentres", summary = "The centres on the national transfer platform",
            description = "Where a member can transfer her balance in from; `own` marks this centre.")
    @APIResponse(responseCode = "200", description = "The centres",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CentreList.class)))
    @APIResponse(responseCode = "503", description = "SERVICE_BUSY: retry",
            headers = @Header(name = "Retry-After", description = "Seconds to wait"))
    public Uni<CentreList> centres() {
        return transfers.centres().map(CentreList::new);
    }

    // A request that reached the database runs to its end when the client hangs up: see WithdrawalResource.
    @Cancellable(false)
    @POST
    @Path("/me/transfers-in")
    @RolesAllowed(TokenService.MEMBER)
    @SecurityRequirement(name = "memberJwt")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestTransferIn", summary = "Transfer the balance in from another city (异地转入)",
            description = "Asks, through the national transfer platform, for the balance of the member's account at "
                    + "the centre she moved from. The transfer then moves REQUESTED → CONFIRMED (the origin centre "
                    + "agreed, with the amount) → CREDITED (a TRANSFER_IN entry on the statement) or REJECTED with "
                    + "the reason; follow it in GET /v1/me/transfers-in/{id} or its event stream. One open "
                    + "transfer-in per origin account. Retry with the same Idempotency-Key: the first 201 is "
                    + "replayed with Idempotent-Replayed: true.")
    @APIResponse(responseCode = "201", description = "Requested",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TransferInView.class)),
            headers = @Header(name = Idempotency.REPLAYED_HEADER, description = "true on a replayed answer"))
    @APIResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_REQUIRED, IDEMPOTENCY_KEY_INVALID, "
            + "BODY_REQUIRED or INVALID_FIELD (originCentreCode, originAccountNo)")
    @APIResponse(responseCode = "409", description = "TRANSFER_IN_ALREADY_OPEN: one from this account is under way; "
            + "IDEMPOTENCY_KEY_IN_FLIGHT")
    @APIResponse(responseCode = "422", description = "ORIGIN_CENTRE_UNKNOWN, ORIGIN_CENTRE_IS_THIS_CENTRE, "
            + "IDEMPOTENCY_KEY_REUSED")
    @APIResponse(responseCode = "503", description = "SERVICE_BUSY: nothing was done, retry",
            headers = @Header(name = "Retry-After", description = "Seconds to wait"))
    public Uni<Response> requestIn(
            @Parameter(in = ParameterIn.HEADER, name = Idempotency.HEADER, required = true,
                    description = "1–255 characters, reused on every retry of this request")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            TransferInRequest body) {
        return Uni.createFrom().deferred(() -> transfers.requestIn(Caller.member(jwt), idempotencyKey, body));
    }

    @GET
    @Path("/me/transfers-in")
    @RolesAllowed(TokenService.MEMBER)
    @SecurityRequirement(name = "memberJwt")
    @NonBlocking
    @Operation(operationId = "listMyTransfersIn", summary = "The caller's transfers in, newest first")
    @APIResponse(responseCode = "200", description = "Up to 100, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TransferInList.class)))
    public Uni<TransferInList> transfersIn() {
        return Uni.createFrom().deferred(() -> transfers.transfersIn(Caller.memberId(jwt))).map(TransferInList::new);
    }

    @GET
    @Path("/me/transfers-in/{id}")
    @RolesAllowed(TokenService.MEMBER)
    @SecurityRequirement(name = "memberJwt")
    @NonBlocking
    @Operation(operationId = "getMyTransferIn", summary = "One of the caller's transfers in")
    @APIResponse(responseCode = "200", description = "The transfer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TransferInView.class)))
    @APIResponse(responseCode = "404", description = "TRANSFER_NOT_FOUND (also another member's)")
    public Uni<TransferInView> transferIn(@PathParam("id") String id) {
        return Uni.createFrom().deferred(() -> transfers.transferIn(Caller.memberId(jwt), id));
    }

    @GET
    @Path("/me/transfers-out")
    @RolesAllowed(TokenService.MEMBER)
    @SecurityRequirement(name = "memberJwt")
    @NonBlocking
    @Operation(operationId = "listMyTransfersOut", summary = "The caller's transfers out, newest first",
            description = "Transfers another centre asked for through the national transfer platform: HELD (the "
                    + "whole available balance held), then POSTED (a TRANSFER_OUT entry; the account closes when "
                    + "nothing is left in it) or VOIDED (the hold given back); REFUSED when nothing could be held.")
    @APIResponse(responseCode = "200", description = "Up to 100, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TransferOutList.class)))
    public Uni<TransferOutList> transfersOut() {
        return Uni.createFrom().deferred(() -> transfers.transfersOut(Caller.memberId(jwt))).map(TransferOutList::new);
    }

    @GET
    @Path("/me/transfers-out/{id}")
    @RolesAllowed(TokenService.MEMBER)
    @SecurityRequirement(name = "memberJwt")
    @NonBlocking
    @Operation(operationId = "getMyTransferOut", summary = "One of the caller's transfers out")
    @APIResponse(responseCode = "200", description = "The transfer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TransferOutView.class)))
    @APIResponse(responseCode = "404", description = "TRANSFER_NOT_FOUND (also another member's)")
    public Uni<TransferOutView> transferOut(@PathParam("id") String id) {
        return Uni.createFrom().deferred(() -> transfers.transferOut(Caller.memberId(jwt), id));
    }

    @GET
    @Path("/me/transfers-in/{id}/events")
    @RolesAllowed(TokenService.MEMBER)
    @SecurityRequirement(name = "memberJwt")
    @OwnTransferStream.In
    @NonBlocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "streamMyTransferInEvents", summary = "Live status of a transfer-in (Server-Sent Events)",
            description = "Sends the current state first (event `status`, JSON data), then each change, a "
                    + "`:heartbeat` comment periodically, and closes once the transfer is CREDITED or REJECTED.")
    @APIResponse(responseCode = "200", description = "An event stream of TransferIn",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = TransferInView.class)))
    @APIResponse(responseCode = "404", description = "TRANSFER_NOT_FOUND (also another member's)")
    public Multi<OutboundSseEvent> transferInEvents(@PathParam("id") String id, @Context Sse sse) {
        long memberId = Caller.memberId(jwt);
        UUID transferId = parse(id);
        return StatusStreams.open(inEvents, sse, streams.sseHeartbeat(), transferId,
                () -> transfers.currentIn(transferId, memberId), TransferService::notFound);
    }

    @GET
    @Path("/me/transfers-out/{id}/events")
    @RolesAllowed(TokenService.MEMBER)
    @SecurityRequirement(name = "memberJwt")
    @OwnTransferStream.Out
    @NonBlocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "streamMyTransferOutEvents", summary = "Live status of a transfer-out (Server-Sent "
            + "Events)", description = "Sends the current state first (event `status`, JSON data), then each change, "
            + "a `:heartbeat` comment periodically, and closes once the transfer is POSTED, VOIDED or REFUSED.")
    @APIResponse(responseCode = "200", description = "An event stream of TransferOut",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = TransferOutView.class)))
    @APIResponse(responseCode = "404", description = "TRANSFER_NOT_FOUND (also another member's)")
    public Multi<OutboundSseEvent> transferOutEvents(@PathParam("id") String id, @Context Sse sse) {
        long memberId = Caller.memberId(jwt);
        UUID transferId = parse(id);
        return StatusStreams.open(outEvents, sse, streams.sseHeartbeat(), transferId,
                () -> transfers.currentOut(transferId, memberId), TransferService::notFound);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw TransferService.notFound();
        }
    }
}
