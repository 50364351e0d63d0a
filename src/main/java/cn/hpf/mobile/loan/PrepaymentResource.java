package cn.hpf.mobile.loan;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.idempotency.Idempotency;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/** 提前部分还款 / 提前结清: quote first, then accept the quote with a face verification. */
@Path("/v1/me/loans/{id}")
@Tag(name = "loans")
@RolesAllowed(TokenService.MEMBER)
@SecurityRequirement(name = "memberJwt")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PrepaymentResource {

    private final PrepaymentQuoteService quotes;
    private final PrepaymentService prepayments;
    private final JsonWebToken jwt;

    public PrepaymentResource(PrepaymentQuoteService quotes, PrepaymentService prepayments, JsonWebToken jwt) {
        this.quotes = quotes;
        this.prepayments = prepayments;
        this.jwt = jwt;
    }

    // Runs to the end when the client hangs up: see WithdrawalResource.
    @Cancellable(false)
    @POST
    @Path("/prepayment-quotes")
    @NonBlocking
    @Operation(operationId = "quoteMyLoanPrepayment",
            summary = "Quote an early repayment: new payment, new term, interest saved, valid 15 minutes")
    @APIResponse(responseCode = "201", description = "The quote, stored until validUntil",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PrepaymentQuote.class)))
    @APIResponse(responseCode = "400", description = "amountFen/full or mode missing or malformed")
    @APIResponse(responseCode = "404", description = "No such loan of the caller (LOAN_NOT_FOUND)")
    @APIResponse(responseCode = "422", description = "LOAN_CLOSED, LOAN_OVERDUE, "
            + "LOAN_REPAYMENT_IN_PROGRESS (a LOAN_REPAYMENT withdrawal is still being paid) or PREPAYMENT_AMOUNT_INVALID "
            + "(more than the outstanding principal)")
    public Uni<Response> quote(@PathParam("id") long id, PrepaymentQuoteRequest body) {
        return quotes.quote(Caller.member(jwt), id, body)
                .map(q -> Response.status(201).entity(q).build());
    }

    // Runs to the end when the client hangs up: see WithdrawalResource.
    @Cancellable(false)
    @POST
    @Path("/prepayments")
    @NonBlocking
    @Operation(operationId = "prepayMyLoan",
            summary = "Repay early per a quote, from the HPF balance or a bank card, after face verification")
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, required = true,
            description = "1–255 characters, reused on every retry", schema = @Schema(examples = "b3f1c0de-prepay-1"))
    @APIResponse(responseCode = "201", description = "Paid; the loan is re-planned or closed. A retry with the same "
            + "key and body returns the same answer with Idempotent-Replayed: true",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Prepayment.class)))
    @APIResponse(responseCode = "400", description = "Missing Idempotency-Key or malformed body")
    @APIResponse(responseCode = "404", description = "LOAN_NOT_FOUND, QUOTE_NOT_FOUND, FACE_VERIFICATION_NOT_FOUND, "
            + "BANK_CARD_NOT_FOUND (unknown or another member's)")
    @APIResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_IN_FLIGHT or PREPAYMENT_CONFLICT")
    @APIResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED, QUOTE_EXPIRED, QUOTE_USED, LOAN_CLOSED, "
            + "LOAN_OVERDUE, LOAN_REPAYMENT_IN_PROGRESS, FACE_VERIFICATION_REQUIRED, FACE_VERIFICATION_USED, "
            + "INSUFFICIENT_BALANCE, ACCOUNT_NOT_ACTIVE, SOURCE_NOT_AVAILABLE (BANK_CARD outside the sandbox)")
    @APIResponse(responseCode = "503", description = "SERVICE_BUSY or PREPAYMENT_UNAVAILABLE: nothing was done, or "
            + "the outcome is not known yet; retry after Retry-After with the same Idempotency-Key",
            headers = @Header(name = "Retry-After", description = "Seconds to wait"))
    public Uni<Response> prepay(@PathParam("id") long id, @HeaderParam(Idempotency.HEADER) String key,
                                PrepaymentRequest body) {
        return prepayments.prepay(Caller.member(jwt), id, key, body);
    }
}
