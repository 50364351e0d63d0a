package cn.hpf.mobile.partner.api;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.loan.LoanRepository;
import cn.hpf.mobile.loan.LoanView;
import cn.hpf.mobile.loan.Prepayment;
import cn.hpf.mobile.loan.PrepaymentQuote;
import cn.hpf.mobile.loan.PrepaymentQuoteRequest;
import cn.hpf.mobile.loan.PrepaymentQuoteService;
import cn.hpf.mobile.loan.PrepaymentService;
import cn.hpf.mobile.partner.PartnerJson;
import cn.hpf.mobile.partner.Scope;
import cn.hpf.mobile.partner.signing.PartnerGate;
import cn.hpf.mobile.withdrawal.AdmissionService;
import cn.hpf.mobile.withdrawal.WithdrawalCreated;
import cn.hpf.mobile.withdrawal.WithdrawalRepository;
import cn.hpf.mobile.withdrawal.WithdrawalView;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * Withdrawals, loans and prepayments for a partner acting for a member: the same admission and prepayment as the
 * centre's app, every money rule unchanged; the partner's {@code outBizNo} is the idempotency key (unique per app),
 * and the money actions record channel PARTNER and the app id.
 */
@Path("/partner/v1")
@Tag(name = "partner-money")
@PermitAll
@SecurityRequirementsSet({@SecurityRequirement(name = "partnerSignature"), @SecurityRequirement(name = "memberToken")})
@Produces(MediaType.APPLICATION_JSON)
public class PartnerMoneyResource {

    private final PartnerGate gate;
    private final PartnerJson json;
    private final AdmissionService admission;
    private final WithdrawalRepository withdrawals;
    private final LoanRepository loans;
    private final PrepaymentQuoteService quotes;
    private final PrepaymentService prepayments;

    public PartnerMoneyResource(PartnerGate gate, PartnerJson json, AdmissionService admission,
                                WithdrawalRepository withdrawals, LoanRepository loans, PrepaymentQuoteService quotes,
                                PrepaymentService prepayments) {
        this.gate = gate;
        this.json = json;
        this.admission = admission;
        this.withdrawals = withdrawals;
        this.loans = loans;
        this.quotes = quotes;
        this.prepayments = prepayments;
    }

    // Runs to the end when the client hangs up: see WithdrawalResource.
    @Cancellable(false)
    @POST
    @Path("/withdrawals")
    @NonBlocking
    @Operation(operationId = "partnerCreateWithdrawal", summary = "Withdraw for the member (scope withdrawal)",
            description = "As POST /v1/withdrawals. The same outBizNo and body answer the first answer "
                    + "(Idempotent-Replayed: true); another body, or another member, 422 IDEMPOTENCY_KEY_REUSED.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PartnerRequests.Withdrawal.class)))
    @APIResponse(responseCode = "201", description = "Accepted; the payout follows and is notified",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WithdrawalCreated.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or outBizNo")
    @APIResponse(responseCode = "404", description = "BANK_CARD_NOT_FOUND, LOAN_NOT_FOUND, FACE_VERIFICATION_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_IN_FLIGHT")
    @APIResponse(responseCode = "422", description = "As POST /v1/withdrawals, and IDEMPOTENCY_KEY_REUSED")
    @APIResponse(responseCode = "503", description = "DAILY_BUDGET_EXHAUSTED, SERVICE_BUSY, ADMISSION_UNAVAILABLE or "
            + "ADMISSIONS_PAUSED",
            headers = @Header(name = "Retry-After", description = "Seconds to wait",
                    schema = @Schema(type = SchemaType.INTEGER)))
    public Uni<Response> withdraw(@Context HttpServerRequest request, byte[] body) {
        return gate.admit(request, body, PartnerGate.Needs.member(Scope.WITHDRAWAL)).chain(p -> {
            PartnerRequests.Withdrawal r = json.read(body, PartnerRequests.Withdrawal.class);
            return admission.admitFromPartner(p.caller(), r.outBizNo(), r.toMember());
        });
    }

    @GET
    @Path("/withdrawals/{id}")
    @NonBlocking
    @Operation(operationId = "partnerGetWithdrawal", summary = "A withdrawal this app made for the member")
    @APIResponse(responseCode = "200", description = "Where it stands",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WithdrawalView.class)))
    @APIResponse(responseCode = "404", description = "WITHDRAWAL_NOT_FOUND (also another app's or another member's)")
    public Uni<WithdrawalView> withdrawal(@Context HttpServerRequest request, @PathParam("id") String id) {
        return gate.admit(request, null, PartnerGate.Needs.member(Scope.WITHDRAWAL)).chain(p -> {
            UUID uuid = parse(id);
            return withdrawals.findForPartner(p.app().appId(), p.member(), uuid).map(w -> {
                if (w == null) {
                    throw ApiException.notFound("WITHDRAWAL_NOT_FOUND", "No such withdrawal made through this app.");
                }
                return w;
            });
        });
    }

    @GET
    @Path("/withdrawals")
    @NonBlocking
    @Operation(operationId = "partnerFindWithdrawal", summary = "The withdrawal of an outBizNo (none or one)")
    @APIResponse(responseCode = "200", description = "items: the withdrawal, if this app made it for the member",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PartnerRequests.Withdrawals.class)))
    @APIResponse(responseCode = "400", description = "outBizNo missing or malformed")
    public Uni<PartnerRequests.Withdrawals> withdrawalByOutBizNo(@Context HttpServerRequest request,
            @Parameter(required = true, description = "The partner's idempotency key") @QueryParam("outBizNo")
            String outBizNo) {
        return gate.admit(request, null, PartnerGate.Needs.member(Scope.WITHDRAWAL)).chain(p -> {
            AdmissionService.partnerKey(outBizNo);
            return withdrawals.findByOutBizNo(p.app().appId(), p.member(), outBizNo)
                    .map(PartnerRequests.Withdrawals::new);
        });
    }

    @GET
    @Path("/loans")
    @NonBlocking
    @Operation(operationId = "partnerListLoans", summary = "The member's HPF loans (scope loans)")
    @APIResponse(responseCode = "200", description = "Newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LoanView.class, type = SchemaType.ARRAY)))
    public Uni<List<LoanView>> loans(@Context HttpServerRequest request) {
        return gate.admit(request, null, PartnerGate.Needs.member(Scope.LOANS))
                .chain(p -> loans.findByMember(p.member()).map(all -> all.stream().map(LoanView::of).toList()));
    }

    @POST
    @Path("/loans/{id}/prepayment-quotes")
    @NonBlocking
    @Operation(operationId = "partnerQuotePrepayment", summary = "Quote an early repayment (scope loans)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PrepaymentQuoteRequest.class)))
    @APIResponse(responseCode = "201", description = "The quote, valid 15 minutes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PrepaymentQuote.class)))
    @APIResponse(responseCode = "400", description = "amountFen/full or mode missing or malformed")
    @APIResponse(responseCode = "404", description = "LOAN_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "LOAN_CLOSED, LOAN_OVERDUE, LOAN_REPAYMENT_IN_PROGRESS, "
            + "PREPAYMENT_AMOUNT_INVALID")
    public Uni<Response> quote(@Context HttpServerRequest request, @PathParam("id") long id, byte[] body) {
        return gate.admit(request, body, PartnerGate.Needs.member(Scope.LOANS))
                .chain(p -> quotes.quote(p.caller(), id, json.read(body, PrepaymentQuoteRequest.class)))
                .map(q -> Response.status(201).entity(q).build());
    }

    @Cancellable(false)
    @POST
    @Path("/loans/{id}/prepayments")
    @NonBlocking
    @Operation(operationId = "partnerPrepay", summary = "Repay early per a quote (scope loans)",
            description = "As POST /v1/me/loans/{id}/prepayments, with outBizNo as the idempotency key (unique per "
                    + "app).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PartnerRequests.Prepayment.class)))
    @APIResponse(responseCode = "201", description = "Paid; the loan is re-planned or closed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Prepayment.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or outBizNo")
    @APIResponse(responseCode = "404", description = "LOAN_NOT_FOUND, QUOTE_NOT_FOUND, FACE_VERIFICATION_NOT_FOUND, "
            + "BANK_CARD_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_IN_FLIGHT or PREPAYMENT_CONFLICT")
    @APIResponse(responseCode = "422", description = "As the member's prepayment, and IDEMPOTENCY_KEY_REUSED")
    @APIResponse(responseCode = "503", description = "SERVICE_BUSY or PREPAYMENT_UNAVAILABLE",
            headers = @Header(name = "Retry-After", description = "Seconds to wait",
                    schema = @Schema(type = SchemaType.INTEGER)))
    public Uni<Response> prepay(@Context HttpServerRequest request, @PathParam("id") long id, byte[] body) {
        return gate.admit(request, body, PartnerGate.Needs.member(Scope.LOANS)).chain(p -> {
            PartnerRequests.Prepayment r = json.read(body, PartnerRequests.Prepayment.class);
            return prepayments.prepayFromPartner(p.caller(), id, r.outBizNo(), r.toMember());
        });
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("WITHDRAWAL_NOT_FOUND", "No such withdrawal made through this app.");
        }
    }
}
