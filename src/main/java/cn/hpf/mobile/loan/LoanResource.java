package cn.hpf.mobile.loan;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.Caller;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

@Path("/v1/me/loans")
@Tag(name = "loans")
@RolesAllowed(TokenService.MEMBER)
@SecurityRequirement(name = "memberJwt")
@Produces(MediaType.APPLICATION_JSON)
public class LoanResource {

    private final LoanRepository loans;
    private final JsonWebToken jwt;

    public LoanResource(LoanRepository loans, JsonWebToken jwt) {
        this.loans = loans;
        this.jwt = jwt;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "listMyLoans", summary = "贷款概览: the member's HPF loans")
    @APIResponse(responseCode = "200", description = "The loans, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanView.class,
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public Uni<List<LoanView>> list() {
        return loans.findByMember(Caller.memberId(jwt))
                .map(all -> all.stream().map(LoanView::of).toList());
    }

    @GET
    @Path("/{id}")
    @NonBlocking
    @Operation(operationId = "getMyLoan", summary = "One loan: outstanding principal, next instalment, overdue state")
    @APIResponse(responseCode = "200", description = "The loan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanView.class)))
    @APIResponse(responseCode = "404", description = "No such loan of the caller (LOAN_NOT_FOUND)")
    public Uni<LoanView> get(@PathParam("id") long id) {
        return owned(id, Caller.memberId(jwt)).map(LoanView::of);
    }

    @GET
    @Path("/{id}/schedule")
    @NonBlocking
    @Operation(operationId = "getMyLoanSchedule", summary = "The remaining repayment schedule")
    @APIResponse(responseCode = "200", description = "Every unpaid period, overdue ones first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanSchedule.class)))
    @APIResponse(responseCode = "404", description = "No such loan of the caller (LOAN_NOT_FOUND)")
    public Uni<LoanSchedule> schedule(@PathParam("id") long id) {
        return owned(id, Caller.memberId(jwt)).map(LoanSchedule::of);
    }

    // Runs to the end when the client hangs up: see WithdrawalResource.
    @Cancellable(false)
    @PUT
    @Path("/{id}/auto-transfer")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setMyLoanAutoTransfer", summary = "按月转账: draw each instalment from the HPF balance, on or off")
    @APIResponse(responseCode = "200", description = "The loan with the new setting",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoanView.class)))
    @APIResponse(responseCode = "400", description = "enabled missing or not a boolean")
    @APIResponse(responseCode = "404", description = "No such loan of the caller (LOAN_NOT_FOUND)")
    @APIResponse(responseCode = "422", description = "The loan is closed (LOAN_CLOSED)")
    public Uni<LoanView> setAutoTransfer(@PathParam("id") long id, @Valid @NotNull AutoTransferRequest body) {
        long memberId = Caller.memberId(jwt);
        return owned(id, memberId).chain(loan -> {
            if (!loan.active()) {
                throw LoanErrors.closed();
            }
            return loans.setAutoTransfer(id, memberId, body.enabled());
        }).map(LoanView::of);
    }

    private Uni<Loan> owned(long id, long memberId) {
        return loans.find(id, memberId).onItem().ifNull().failWith(LoanErrors::notFound);
    }
}
