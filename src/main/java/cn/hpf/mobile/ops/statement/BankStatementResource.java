package cn.hpf.mobile.ops.statement;

import cn.hpf.mobile.common.Params;
import cn.hpf.mobile.common.ClientAddress;
import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/ops/reconciliation")
@Tag(name = "operations")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class BankStatementResource {

    private final BankStatementService statements;
    private final JsonWebToken jwt;

    public BankStatementResource(BankStatementService statements, JsonWebToken jwt) {
        this.statements = statements;
        this.jwt = jwt;
    }

    @POST
    @Path("/bank-statement")
    @NonBlocking
    @Operation(operationId = "reconcileBankStatement", summary = "Reconcile a day's bank statement with the centre",
            description = "Reads the bank's statement file of the Asia/Shanghai day and compares it, line by line "
                    + "by withdrawal id, with the centre's withdrawals paid through the bank that finished that day "
                    + "(PAID or RETURNED by when paid, FAILED by when refused), in one PostgreSQL statement that "
                    + "also stores the result and audits it (GET /v1/ops/audit, action BANK_STATEMENT_RECONCILE). A malformed "
                    + "file is refused whole: nothing is stored. A payout settled by the bank just before midnight "
                    + "and recorded here just after it is listed on one day's statement and on the centre's next "
                    + "day: reconcile both days.")
    @APIResponse(responseCode = "200", description = "The result, stored as the day's latest",
            content = @Content(schema = @Schema(implementation = BankStatementReconciliation.class)))
    @APIResponse(responseCode = "400", description = "date missing or not yyyy-MM-dd")
    @APIResponse(responseCode = "404", description = "BANK_STATEMENT_NOT_AVAILABLE: the bank has not delivered "
            + "that day's statement yet")
    @APIResponse(responseCode = "502", description = "BANK_STATEMENT_MALFORMED: the file breaks its format (the "
            + "detail names the line); nothing was stored")
    @APIResponse(responseCode = "503", description = "BANK_STATEMENT_UNAVAILABLE: statements cannot be read "
            + "(no bank adapter for them, an IO error)")
    public Uni<BankStatementReconciliation> reconcile(
            @Parameter(required = true, description = "An Asia/Shanghai day",
                    schema = @Schema(type = SchemaType.STRING, format = "date", examples = "2026-12-02"))
            @QueryParam("date") String date) {
        return statements.reconcile(Params.requiredDate(date, "date"), jwt.getSubject(),
                ClientAddress.current());
    }

    @GET
    @Path("/bank-statement")
    @NonBlocking
    @Operation(operationId = "getBankStatementReconciliation", summary = "A day's latest bank statement reconciliation",
            description = "As stored by the last POST for that day; every replica answers the same.")
    @APIResponse(responseCode = "200", description = "The latest result",
            content = @Content(schema = @Schema(implementation = BankStatementReconciliation.class)))
    @APIResponse(responseCode = "400", description = "date missing or not yyyy-MM-dd")
    @APIResponse(responseCode = "404", description = "BANK_STATEMENT_NOT_AVAILABLE: not reconciled yet for that day")
    public Uni<BankStatementReconciliation> latest(
            @Parameter(required = true, description = "An Asia/Shanghai day",
                    schema = @Schema(type = SchemaType.STRING, format = "date", examples = "2026-12-02"))
            @QueryParam("date") String date) {
        return statements.latest(Params.requiredDate(date, "date"));
    }
}
