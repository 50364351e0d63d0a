package cn.hpf.mobile.ops.payouts;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.ClientAddress;
import cn.hpf.mobile.common.Params;
import cn.hpf.mobile.ops.OpsConfig;
import cn.hpf.mobile.payout.BankResult;
import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.mobile.payout.PayoutRepository;
import cn.hpf.mobile.withdrawal.WithdrawalStatus;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * The operators' queue of payouts whose bank outcome is unknown, and "ask the bank again" on one of them. The
 * answer goes through the dispatcher's own settlement path, so an operator can never settle a payout differently
 * from how the dispatcher would; each question is audited in audit_log.
 */
@Path("/v1/ops")
@Tag(name = "operations")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class UnknownPayoutsResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final String ASK_BANK = "PAYOUT_ASK_BANK";

    private final UnknownPayoutRepository repository;
    private final PayoutDispatcher dispatcher;
    private final PayoutRepository payouts;
    private final OpsConfig config;
    private final JsonWebToken jwt;

    public UnknownPayoutsResource(UnknownPayoutRepository repository, PayoutDispatcher dispatcher,
                                  PayoutRepository payouts, OpsConfig config, JsonWebToken jwt) {
        this.repository = repository;
        this.dispatcher = dispatcher;
        this.payouts = payouts;
        this.config = config;
        this.jwt = jwt;
    }

    @Schema(name = "AskBankResult")
    public record AskBankResult(
            @Schema(required = true, examples = "0f8fad5b-d9cb-469f-a165-70867728950e") UUID withdrawalId,
            @Schema(required = true, description = "What the bank said when asked: PAID, REJECTED, PENDING (still "
                    + "unknown: timeout, processing) or NOT_FOUND (it never received the order)",
                    enumeration = {"PAID", "REJECTED", "PENDING", "NOT_FOUND"}, examples = "PAID") String bankAnswer,
            @Schema(required = true, description = "The withdrawal's status afterwards", examples = "PAID")
            String status,
            @Schema(description = "PAID: the bank's reference; REJECTED: its reason code; PENDING: why unknown",
                    examples = "SBX0a1b2c3d4e5f60718293") String detail,
            @Schema(description = "NOT_FOUND only: the answer to sending the order now (same withdrawal id, so it "
                    + "cannot pay twice); null when it was not sent because payouts are paused", examples = "PAID")
            String sentAnswer) {
    }

    @GET
    @Path("/payouts/unknown")
    @NonBlocking
    @Operation(operationId = "listUnknownPayouts", summary = "Payouts whose bank outcome is unknown",
            description = "Withdrawals sent to the bank that it has neither paid nor refused (a timeout, the bank "
                    + "still processing, a lost connection) for longer than hpf.ops.unknown-payout-after (1 min), "
                    + "oldest first. The dispatcher keeps asking about each with backoff; an operator can ask now "
                    + "(POST /v1/ops/payouts/{withdrawalId}/ask-bank). Read from PostgreSQL: every replica answers "
                    + "the same.")
    @APIResponse(responseCode = "200", description = "The queue",
            content = @Content(schema = @Schema(implementation = UnknownPayouts.class)))
    @APIResponse(responseCode = "400", description = "limit not between 1 and 500")
    public Uni<UnknownPayouts> unknown(
            @Parameter(description = "At most this many items (1–500, default 50)",
                    schema = @Schema(minimum = "1", maximum = "500", defaultValue = "50"))
            @QueryParam("limit") String limit) {
        int count = Params.intInRange(limit, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        return repository.unknown(config.unknownPayoutAfter(), count);
    }

    // Runs to the end when the client hangs up: the bank was asked, its answer must be recorded and audited.
    @Cancellable(false)
    @POST
    @Path("/payouts/{withdrawalId}/ask-bank")
    @NonBlocking
    @Operation(operationId = "askBankAboutPayout", summary = "Ask the bank now about a payout whose outcome is unknown",
            description = "Asks the bank what became of the order and applies the answer as the dispatcher does: "
                    + "PAID posts the held amount (status PAID), REJECTED gives it back (FAILED), PENDING leaves it "
                    + "PAYING and asked again later, NOT_FOUND sends the order now with the same withdrawal id (the "
                    + "bank's idempotency key: it cannot pay twice) unless payouts are paused. Ignores the "
                    + "dispatcher's backoff. Audited (GET /v1/ops/audit, action PAYOUT_ASK_BANK, the answer as "
                    + "result).")
    @APIResponse(responseCode = "200", description = "What the bank said and the status afterwards",
            content = @Content(schema = @Schema(implementation = AskBankResult.class)))
    @APIResponse(responseCode = "404", description = "WITHDRAWAL_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "PAYOUT_ALREADY_FINISHED (PAID, FAILED or RETURNED), "
            + "PAYOUT_NOT_SENT (not sent to the bank yet) or PAYOUT_BEING_ASKED (a dispatcher is asking right now)")
    public Uni<AskBankResult> askBank(@PathParam("withdrawalId") String withdrawalId) {
        UUID id;
        try {
            id = UUID.fromString(withdrawalId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("WITHDRAWAL_NOT_FOUND", "No withdrawal " + withdrawalId + ".");
        }
        String operator = jwt.getSubject();
        String client = ClientAddress.current();
        return dispatcher.askNow(id).chain(asked -> payouts.visibleStatus(id).chain(status -> {
            AskBankResult result = new AskBankResult(id, answer(asked.answer()), status, detail(asked.answer()),
                    asked.sent() == null ? null : answer(asked.sent()));
            boolean finished = !WithdrawalStatus.OPEN.contains(WithdrawalStatus.valueOf(status));
            return repository.audit(operator, ASK_BANK, id, finished, outcome(result), client).replaceWith(result);
        }));
    }

    static String answer(BankResult r) {
        if (r instanceof BankResult.Paid) {
            return "PAID";
        }
        if (r instanceof BankResult.Rejected) {
            return "REJECTED";
        }
        return r instanceof BankResult.NotFound ? "NOT_FOUND" : "PENDING";
    }

    static String detail(BankResult r) {
        if (r instanceof BankResult.Paid p) {
            return p.bankReference();
        }
        if (r instanceof BankResult.Rejected x) {
            return x.code();
        }
        return r instanceof BankResult.Pending p ? p.reason() : null;
    }

    private static String outcome(AskBankResult r) {
        String said = r.bankAnswer() + (r.detail() == null ? "" : " " + r.detail());
        if ("NOT_FOUND".equals(r.bankAnswer())) {
            said += r.sentAnswer() == null ? "; not sent: payouts are paused" : "; sent now: " + r.sentAnswer();
        }
        return said + " → " + r.status();
    }
}
