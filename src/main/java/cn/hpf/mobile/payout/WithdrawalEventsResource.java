package cn.hpf.mobile.payout;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.live.StatusStreams;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/v1/withdrawals/{id}/events")
@Tag(name = "withdrawals")
@RolesAllowed(TokenService.MEMBER)
@SecurityRequirement(name = "memberJwt")
@OwnWithdrawalStream
public class WithdrawalEventsResource {

    private final PayoutRepository payouts;
    private final WithdrawalEventHub hub;
    private final PayoutConfig config;
    private final JsonWebToken jwt;

    public WithdrawalEventsResource(PayoutRepository payouts, WithdrawalEventHub hub, PayoutConfig config,
                                    JsonWebToken jwt) {
        this.payouts = payouts;
        this.hub = hub;
        this.config = config;
        this.jwt = jwt;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "streamWithdrawalEvents", summary = "Live status of a withdrawal (Server-Sent Events)",
            description = "Sends the current state first (event `status`, JSON data), then each change, a `:heartbeat` "
                    + "comment every 15 s, and closes once the withdrawal is PAID, FAILED or RETURNED.")
    @APIResponse(responseCode = "200", description = "An event stream of WithdrawalEvent",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = WithdrawalEvent.class)))
    @APIResponse(responseCode = "404", description = "No such withdrawal of the caller")
    public Multi<OutboundSseEvent> events(
            @Parameter(description = "Withdrawal id", example = "0f8fad5b-d9cb-469f-a165-70867728950e")
            @PathParam("id") String id, @Context Sse sse) {
        long memberId = Caller.memberId(jwt);
        UUID withdrawalId = parse(id);
        return StatusStreams.open(hub, sse, config.sseHeartbeat(), withdrawalId,
                () -> payouts.current(withdrawalId, memberId), () -> notFound(withdrawalId));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    static ApiException notFound(Object id) {
        return ApiException.notFound("WITHDRAWAL_NOT_FOUND", "No withdrawal " + id + ".");
    }
}
