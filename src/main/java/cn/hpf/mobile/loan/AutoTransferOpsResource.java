package cn.hpf.mobile.loan;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Params;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.YearMonth;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators see which instalments the 按月转账 job drew or skipped in a month, to follow up short balances. */
@Path("/v1/ops/loan-auto-transfers")
@Tag(name = "operations")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class AutoTransferOpsResource {

    private static final int LIMIT = 1000;

    private final AutoTransferRepository repository;

    public AutoTransferOpsResource(AutoTransferRepository repository) {
        this.repository = repository;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "listLoanAutoTransfers", summary = "按月转账 outcomes of a month (first 1,000, by loan)")
    @APIResponse(responseCode = "200", description = "The month's records",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AutoTransferRecord.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "month missing or not yyyy-MM, or an unknown status")
    public Uni<List<AutoTransferRecord>> list(
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, examples = "2026-11"))
            @QueryParam("month") String month,
            @Parameter(description = "PAID or SKIPPED; both when absent", schema = @Schema(type = SchemaType.STRING))
            @QueryParam("status") String status) {
        YearMonth m = Params.month(month, "month");
        if (m == null) {
            throw ApiException.invalidField("month", "month is required, like 2026-11.");
        }
        if (status != null && !status.equals("PAID") && !status.equals("SKIPPED")) {
            throw ApiException.invalidField("status", "status must be PAID or SKIPPED.");
        }
        return repository.list(m, status, LIMIT);
    }
}
