package cn.hpf.mobile.transfer.platform;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Operator;
import cn.hpf.mobile.common.PersonalData;
import cn.hpf.mobile.transfer.platform.SandboxTransferPlatformRepository.OriginAccount;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * Sandbox only: plays the other centres behind the transfer platform (their accounts, a transfer-out one of them
 * starts) and shows the platform's side of a transfer. It moves members' money, so only operators may use it;
 * 404 when the sandbox is off.
 */
@Path("/sandbox/transfer-platform")
@Tag(name = "sandbox")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxTransferPlatformResource {

    private static final Pattern CENTRE = Pattern.compile("[0-9]{6}");

    private final PlatformSettings settings;
    private final SandboxTransferPlatform platform;
    private final ObjectMapper json;
    private final JsonWebToken jwt;

    public SandboxTransferPlatformResource(PlatformSettings settings, SandboxTransferPlatform platform,
                                           ObjectMapper json, JsonWebToken jwt) {
        this.settings = settings;
        this.platform = platform;
        this.json = json;
        this.jwt = jwt;
    }

    @Schema(name = "SandboxOriginAccount", description = "An account at another centre")
    public record OriginAccountBody(
            @Schema(required = true, examples = "310000") String centreCode,
            @Schema(required = true, examples = "SH0012345678") String accountNo,
            @Schema(required = true, examples = "330109199502284321") String idNumber,
            @Schema(required = true, examples = "李娜") String name,
            @Schema(required = true, examples = "5230000") Long balanceFen,
            @Schema(examples = "false") Boolean frozen) {
    }

    @Schema(name = "SandboxTransferOutRequest")
    public record TransferOutRequest(
            @Schema(required = true, description = "Our member number", examples = "330100000002") String accountNo,
            @Schema(required = true, examples = "330109199502284321") String idNumber,
            @Schema(required = true, examples = "310000") String destinationCentreCode,
            @Schema(examples = "SH0012345678") String destinationAccountNo,
            @Schema(description = "What the destination reports once we agree (default CONFIRM)",
                    enumeration = {"CONFIRM", "CANCEL"}) String outcome) {
    }

    @Schema(name = "SandboxTransferOutStarted")
    public record TransferOutStarted(@Schema(examples = "NTP20261202A1B2C3D4E5F6") String transferId,
                                     @Schema(examples = "REQUESTED") String status) {
    }

    @Schema(name = "SandboxPlatformDelivery")
    public record DeliveryView(
            @Schema(examples = "TRANSFER_IN_CONFIRMED") String type,
            @Schema(description = "The notification as signed and sent") JsonNode body,
            OffsetDateTime deliverAt, int attempts, OffsetDateTime deliveredAt,
            @Schema(description = "Set when a 4xx other than 409 made the platform stop") OffsetDateTime gaveUpAt,
            @Schema(description = "Our last answer's HTTP status") Integer lastStatus) {
    }

    @Schema(name = "SandboxPlatformTransfer", description = "A transfer as the platform sees it")
    public record TransferView(
            @Schema(examples = "NTP20261202A1B2C3D4E5F6") String transferId,
            @Schema(enumeration = {"IN", "OUT"}) String direction,
            @Schema(description = "IN: our transfer-in id") UUID requestId,
            String originCentreCode, String originAccountNo, String idNumber, String name,
            String destinationCentreCode, String destinationAccountNo,
            @Schema(description = "IN: what the origin confirmed") Long amountFen,
            @Schema(description = "IN: SUBMITTED, CONFIRMED, SETTLED, REJECTED; OUT: REQUESTED, AGREED, CONFIRMED, "
                    + "CANCELLED, REJECTED (we refused)") String state,
            @Schema(description = "OUT: what the destination reports once we agree") String plannedOutcome,
            @Schema(description = "IN: the origin's rejection") String reasonCode, String reason,
            @Schema(description = "OUT: AGREED or REFUSED") String ourAnswer, Long ourAmountFen,
            String ourReasonCode, String ourReason, OffsetDateTime answeredAt, OffsetDateTime createdAt,
            List<DeliveryView> deliveries) {
    }

    // Runs to the end when the client hangs up: see WithdrawalResource.
    @Cancellable(false)
    @POST
    @Path("/origin-accounts")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sandboxRegisterOriginAccount",
            summary = "Sandbox platform: register an account at another centre",
            description = "Only when the sandbox is enabled (404 otherwise). Creates or replaces the account a "
                    + "transfer-in will ask for: the origin centre rejects it when the account is unknown "
                    + "(ORIGIN_ACCOUNT_NOT_FOUND), the ID number differs (IDENTITY_MISMATCH), it is frozen "
                    + "(ORIGIN_ACCOUNT_FROZEN) or empty (NOTHING_TO_TRANSFER); otherwise it confirms the whole "
                    + "balance, settles it and the account is emptied.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = OriginAccountBody.class)))
    @APIResponse(responseCode = "200", description = "The account as registered",
            content = @Content(schema = @Schema(implementation = OriginAccountBody.class)))
    @APIResponse(responseCode = "400", description = "A field missing or malformed")
    @APIResponse(responseCode = "404", description = "Sandbox off, or TRANSFER_CENTRE_NOT_FOUND (unknown centre, or "
            + "ours)")
    public Uni<OriginAccountBody> registerOriginAccount(OriginAccountBody body) {
        requireSandbox();
        if (body == null) {
            throw ApiException.invalidField("centreCode", "A JSON body is required.");
        }
        String centre = centre(body.centreCode(), "centreCode");
        String accountNo = required(body.accountNo(), "accountNo");
        String idNumber = required(body.idNumber(), "idNumber");
        String name = required(body.name(), "name");
        if (body.balanceFen() == null || body.balanceFen() < 0) {
            throw ApiException.invalidField("balanceFen", "balanceFen is required and not negative.");
        }
        return platform.registerOriginAccount(new OriginAccount(centre, accountNo, idNumber, name, body.balanceFen(),
                        Boolean.TRUE.equals(body.frozen())), Operator.of(jwt))
                .map(a -> new OriginAccountBody(a.centreCode(), a.accountNo(), maskedId(a.idNumber()), a.name(),
                        a.balanceFen(), a.frozen()));
    }

    // Runs to the end when the client hangs up: see WithdrawalResource.
    @Cancellable(false)
    @POST
    @Path("/transfers-out")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sandboxStartTransferOut",
            summary = "Sandbox platform: another centre asks for one of our members' balance",
            description = "Only when the sandbox is enabled (404 otherwise). The platform notifies us "
                    + "(TRANSFER_OUT_REQUESTED) after its latency; once we agree, the destination reports "
                    + "TRANSFER_OUT_CONFIRMED, or TRANSFER_OUT_CANCELLED (MEMBER_CANCELLED) when outcome is CANCEL. "
                    + "Nothing about the member is checked here: answering is our side's job.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = TransferOutRequest.class)))
    @APIResponse(responseCode = "201", description = "The platform's transfer, REQUESTED",
            content = @Content(schema = @Schema(implementation = TransferOutStarted.class)))
    @APIResponse(responseCode = "400", description = "A field missing or malformed")
    @APIResponse(responseCode = "404", description = "Sandbox off")
    public Uni<Response> startTransferOut(TransferOutRequest body) {
        requireSandbox();
        if (body == null) {
            throw ApiException.invalidField("accountNo", "A JSON body is required.");
        }
        String accountNo = required(body.accountNo(), "accountNo");
        String idNumber = required(body.idNumber(), "idNumber");
        String destination = centre(body.destinationCentreCode(), "destinationCentreCode");
        String outcome = body.outcome() == null || body.outcome().isBlank() ? SandboxTransferPlatform.PLAN_CONFIRM
                : body.outcome().trim().toUpperCase();
        if (!outcome.equals(SandboxTransferPlatform.PLAN_CONFIRM)
                && !outcome.equals(SandboxTransferPlatform.PLAN_CANCEL)) {
            throw ApiException.invalidField("outcome", "outcome is one of [CONFIRM, CANCEL].");
        }
        String destinationAccount = body.destinationAccountNo() == null || body.destinationAccountNo().isBlank() ? null
                : body.destinationAccountNo().trim();
        return platform.startTransferOut(accountNo, idNumber, destination, destinationAccount, outcome,
                        Operator.of(jwt))
                .map(id -> Response.status(201).entity(new TransferOutStarted(id, "REQUESTED")).build());
    }

    @GET
    @Path("/transfers/{transferId}")
    @NonBlocking
    @Operation(operationId = "sandboxGetPlatformTransfer",
            summary = "Sandbox platform: a transfer as the platform sees it",
            description = "Only when the sandbox is enabled (404 otherwise). Direction, state, amount, our answer "
                    + "to a transfer-out, and every notification with its delivery attempts.")
    @APIResponse(responseCode = "200", description = "The platform's transfer",
            content = @Content(schema = @Schema(implementation = TransferView.class)))
    @APIResponse(responseCode = "404", description = "Sandbox off, or PLATFORM_TRANSFER_NOT_FOUND")
    public Uni<TransferView> transfer(
            @Parameter(description = "The platform's transfer id") @PathParam("transferId") String transferId) {
        requireSandbox();
        return platform.find(transferId).chain(t -> platform.deliveries(transferId).map(ds -> new TransferView(
                t.transferId(), t.direction(), t.requestId(), t.originCentreCode(), t.originAccountNo(),
                maskedId(t.idNumber()), t.name(), t.destinationCentreCode(), t.destinationAccountNo(), t.amountFen(),
                t.state(), t.plannedOutcome(), t.reasonCode(), t.reason(), t.ourAnswer(), t.ourAmountFen(),
                t.ourReasonCode(), t.ourReason(), t.answeredAt(), t.createdAt(),
                ds.stream().map(d -> new DeliveryView(d.type(), tree(d.body()), d.deliverAt(), d.attempts(),
                        d.deliveredAt(), d.gaveUpAt(), d.lastStatus())).toList())));
    }

    private void requireSandbox() {
        if (!settings.sandbox()) {
            throw ApiException.notFound("NOT_FOUND", "No resource at /sandbox/transfer-platform: the sandbox is off.");
        }
    }

    /** The notification as sent, its member's ID number masked like everywhere else in our answers. */
    private JsonNode tree(String body) {
        try {
            JsonNode tree = json.readTree(body);
            if (tree instanceof ObjectNode o && o.path("idNumber").isTextual()) {
                o.put("idNumber", PersonalData.idNumber(o.path("idNumber").asText()));
            }
            return tree;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String maskedId(String idNumber) {
        return idNumber == null ? null : PersonalData.idNumber(idNumber);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, field + " is required.");
        }
        return value.trim();
    }

    private static String centre(String value, String field) {
        String code = required(value, field);
        if (!CENTRE.matcher(code).matches()) {
            throw ApiException.invalidField(field, field + " is a centre's 6-digit division code.");
        }
        return code;
    }
}
