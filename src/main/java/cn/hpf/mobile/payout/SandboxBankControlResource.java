package cn.hpf.mobile.payout;

import cn.hpf.mobile.common.Params;
import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Operator;
import cn.hpf.mobile.common.SandboxConfig;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sandbox only: make the bank go silent (unknown outcomes pile up for the operators' queue) and deliver a day's
 * statement file now. Operators only, like the other sandbox bank route.
 */
@Path("/sandbox/bank")
@Tag(name = "sandbox")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxBankControlResource {

    private final SandboxConfig sandbox;
    private final SandboxBank bank;
    private final JsonWebToken jwt;

    public SandboxBankControlResource(SandboxConfig sandbox, SandboxBank bank, JsonWebToken jwt) {
        this.sandbox = sandbox;
        this.bank = bank;
        this.jwt = jwt;
    }

    @Schema(name = "SandboxBankSilence")
    public record Silence(@Schema(required = true, description = "True: the bank receives and settles orders but "
            + "every answer (pay and query) is lost, as a timeout") boolean silent) {
    }

    @Schema(name = "SandboxBankStatementWritten")
    public record StatementWritten(@Schema(required = true, examples = "2026-12-02") LocalDate date,
                                   @Schema(required = true, examples = "42") int lines,
                                   @Schema(required = true, examples = "1234500") long totalFen) {
    }

    @GET
    @Path("/silence")
    @NonBlocking
    @Operation(operationId = "sandboxBankSilence", summary = "Sandbox bank: whether its answers are lost")
    @APIResponse(responseCode = "200", description = "The bank's mode",
            content = @Content(schema = @Schema(implementation = Silence.class)))
    @APIResponse(responseCode = "404", description = "Sandbox off")
    public Uni<Silence> silence() {
        requireSandbox();
        return bank.silent().map(Silence::new);
    }

    @PUT
    @Path("/silence")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sandboxBankSetSilence", summary = "Sandbox bank: lose every answer, or answer again",
            description = "While silent the bank still takes and settles orders but every pay and query is answered "
                    + "with a timeout, so payouts stay PAYING with an unknown outcome and fill "
                    + "GET /v1/ops/payouts/unknown. Speaking again, the dispatcher's next query (or an operator's "
                    + "ask-bank) learns each outcome. Every replica shares the mode (PostgreSQL).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Silence.class)))
    @APIResponse(responseCode = "200", description = "The bank's mode now",
            content = @Content(schema = @Schema(implementation = Silence.class)))
    @APIResponse(responseCode = "404", description = "Sandbox off")
    public Uni<Silence> setSilence(Silence body) {
        requireSandbox();
        if (body == null) {
            throw ApiException.invalidField("silent", "silent is required (true or false).");
        }
        return bank.silence(body.silent(), Operator.of(jwt)).map(Silence::new);
    }

    @POST
    @Path("/statements")
    @NonBlocking
    @Operation(operationId = "sandboxBankWriteStatement", summary = "Sandbox bank: deliver a day's statement file now",
            description = "Writes the statement of the Asia/Shanghai day from the bank's books (replacing an earlier "
                    + "file of that day), as the bank does on its own for yesterday. Today's statement covers what "
                    + "was settled so far. The file is written on the replica that takes this request.")
    @APIResponse(responseCode = "200", description = "The statement written",
            content = @Content(schema = @Schema(implementation = StatementWritten.class)))
    @APIResponse(responseCode = "400", description = "date missing or not yyyy-MM-dd")
    @APIResponse(responseCode = "404", description = "Sandbox off")
    public Uni<StatementWritten> writeStatement(
            @Parameter(required = true, description = "An Asia/Shanghai day",
                    schema = @Schema(type = SchemaType.STRING, format = "date", examples = "2026-12-02"))
            @QueryParam("date") String date) {
        requireSandbox();
        LocalDate day = Params.requiredDate(date, "date");
        Operator by = Operator.of(jwt);
        return bank.writeStatement(day).call(s -> bank.statementWritten(s, by))
                .map(s -> new StatementWritten(s.date(), s.lines().size(), s.totalFen()));
    }

    private void requireSandbox() {
        if (!sandbox.enabled()) {
            throw ApiException.notFound("NOT_FOUND", "The sandbox is off.");
        }
    }
}
