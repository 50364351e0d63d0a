package cn.hpf.mobile.payout;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Operator;
import cn.hpf.mobile.common.SandboxConfig;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * Sandbox only: what the bank would do on its own, here on demand (a payout sent back after it was paid). It
 * credits a member's account, so only operators may ask for it.
 */
@Path("/sandbox/bank/payouts/{withdrawalId}")
@Tag(name = "sandbox")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxBankResource {

    private final SandboxConfig sandbox;
    private final SandboxBank bank;
    private final PayoutSettlement settlement;
    private final JsonWebToken jwt;

    public SandboxBankResource(SandboxConfig sandbox, SandboxBank bank, PayoutSettlement settlement,
                               JsonWebToken jwt) {
        this.sandbox = sandbox;
        this.bank = bank;
        this.settlement = settlement;
        this.jwt = jwt;
    }

    @Schema(name = "SandboxBankReturnRequest")
    public record ReturnRequest(@Schema(examples = "ACCOUNT_CLOSED") String reason) {
    }

    @Schema(name = "SandboxBankReturn")
    public record ReturnResult(@Schema(examples = "0f8fad5b-d9cb-469f-a165-70867728950e") UUID withdrawalId,
                               @Schema(examples = "RETURNED") String status) {
    }

    // Runs to the end when the client hangs up: see WithdrawalResource.
    @Cancellable(false)
    @POST
    @Path("/return")
    @NonBlocking
    @Operation(operationId = "sandboxBankReturnPayout",
            summary = "Sandbox bank: send a paid payout back (e.g. the card was closed)",
            description = "The withdrawal becomes RETURNED and a reversing RETURNED entry credits the account; "
                    + "a returned retirement payout reopens the account it had closed as SEALED. "
                    + "Repeating it changes nothing.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = ReturnRequest.class)))
    @APIResponse(responseCode = "200", description = "The payout is returned",
            content = @Content(schema = @Schema(implementation = ReturnResult.class)))
    @APIResponse(responseCode = "404", description = "Sandbox off, or the bank never paid this withdrawal")
    @APIResponse(responseCode = "409", description = "The withdrawal is not PAID")
    public Uni<ReturnResult> returnPayout(@PathParam("withdrawalId") String withdrawalId, ReturnRequest body) {
        if (!sandbox.enabled()) {
            throw ApiException.notFound("NOT_FOUND", "The sandbox is off.");
        }
        UUID id;
        try {
            id = UUID.fromString(withdrawalId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("PAYOUT_NOT_FOUND", "The bank has no payout " + withdrawalId + ".");
        }
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? "RETURNED_BY_BANK"
                : body.reason().trim();
        return bank.recordReturn(id, reason, Operator.of(jwt)).chain(found -> {
            if (!found) {
                return Uni.createFrom().failure(
                        ApiException.notFound("PAYOUT_NOT_FOUND", "The bank has no paid payout " + id + "."));
            }
            return settlement.applyReturn(id, reason).map(status -> new ReturnResult(id, status));
        });
    }
}
