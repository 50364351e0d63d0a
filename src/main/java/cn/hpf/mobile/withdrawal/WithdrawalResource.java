package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Params;
import cn.hpf.mobile.common.idempotency.Idempotency;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import org.jboss.resteasy.reactive.server.Cancellable;

@Path("/v1")
@Tag(name = "withdrawals")
@RolesAllowed(TokenService.MEMBER)
@SecurityRequirement(name = "memberJwt")
@Produces(MediaType.APPLICATION_JSON)
public class WithdrawalResource {

    private final AdmissionService admission;
    private final WithdrawalRepository queries;
    private final JsonWebToken jwt;

    public WithdrawalResource(AdmissionService admission, WithdrawalRepository queries, JsonWebToken jwt) {
        this.admission = admission;
        this.queries = queries;
        this.jwt = jwt;
    }

    // Quarkus REST cancels a request's Uni when the client hangs up. Mid-admission that would stop the chain between
    // Redis and PostgreSQL, e.g. after the commit but before the hold is settled and the answer kept, leaving the
    // member's available balance short until recovery (a minute later) — exactly when clients time out on a peak day.
    // Money and state changes therefore always run to the end; the retry gets the kept answer.
    @Cancellable(false)
    @POST
    @Path("/withdrawals")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWithdrawal", summary = "Withdraw after face verification (刷脸提取)",
            description = "Admits a withdrawal: checks the category's rules, holds the amount (availableFen drops, "
                    + "balanceFen does not until it is paid), consumes the face verification and queues the payout. "
                    + "Retry with the same Idempotency-Key: the first 201 is replayed with Idempotent-Replayed: true.")
    @APIResponse(responseCode = "201", description = "Accepted; the payout follows",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WithdrawalCreated.class)),
            headers = @Header(name = Idempotency.REPLAYED_HEADER, description = "true on a replayed answer"))
    @APIResponse(responseCode = "400", description = "Malformed: missing Idempotency-Key, unknown category, "
            + "amount out of range, missing payee or verification")
    @APIResponse(responseCode = "404", description = "BANK_CARD_NOT_FOUND, LOAN_NOT_FOUND or "
            + "FACE_VERIFICATION_NOT_FOUND: not the caller's")
    @APIResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_IN_FLIGHT: an attempt with the same key is still "
            + "being processed, or its outcome is not known yet")
    @APIResponse(responseCode = "422", description = "INSUFFICIENT_BALANCE, CATEGORY_CAP_EXCEEDED, NOT_ELIGIBLE, "
            + "FACE_VERIFICATION_REQUIRED, FACE_VERIFICATION_USED, ACCOUNT_NOT_ACTIVE, LOAN_OVERDUE, "
            + "AMOUNT_MUST_EQUAL_AVAILABLE, AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT, OTHER_WITHDRAWAL_IN_FLIGHT, "
            + "IDEMPOTENCY_KEY_REUSED")
    @APIResponse(responseCode = "503", description = "DAILY_BUDGET_EXHAUSTED (Retry-After: until the next day), "
            + "SERVICE_BUSY or ADMISSION_UNAVAILABLE (nothing was done, or the outcome is not known yet), "
            + "ADMISSIONS_PAUSED (the centre's operators paused new withdrawals; nothing was done)",
            headers = @Header(name = "Retry-After", description = "Seconds to wait"))
    public Uni<Response> create(
            @Parameter(in = ParameterIn.HEADER, name = Idempotency.HEADER, required = true,
                    description = "1–255 characters, reused on every retry of this withdrawal")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            WithdrawalRequest body) {
        return Uni.createFrom().deferred(() -> admission.admit(Caller.member(jwt), idempotencyKey, body));
    }

    @GET
    @Path("/withdrawals/{id}")
    @NonBlocking
    @Operation(operationId = "getWithdrawal", summary = "One of the caller's withdrawals")
    @APIResponse(responseCode = "200", description = "The withdrawal",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WithdrawalView.class)))
    @APIResponse(responseCode = "404", description = "WITHDRAWAL_NOT_FOUND (also another member's)")
    public Uni<WithdrawalView> get(@PathParam("id") String id) {
        return Uni.createFrom().deferred(() -> queries.find(Caller.memberId(jwt), parseId(id)));
    }

    @GET
    @Path("/me/withdrawals")
    @NonBlocking
    @Operation(operationId = "listMyWithdrawals", summary = "The caller's withdrawals, newest first (keyset pages)")
    @APIResponse(responseCode = "200", description = "A page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WithdrawalPage.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER (limit) or INVALID_CURSOR")
    public Uni<WithdrawalPage> list(
            @Parameter(description = "1–100, default 20") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return Uni.createFrom().deferred(() -> queries.page(Caller.memberId(jwt),
                Params.intInRange(limit, "limit", 1, 100, 20), WithdrawalCursor.decode(cursor)));
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("WITHDRAWAL_NOT_FOUND", "No such withdrawal among yours.");
        }
    }
}
