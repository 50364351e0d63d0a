package cn.hpf.mobile.ops;

import cn.hpf.mobile.auth.TokenService;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/ops/reconciliation")
@Tag(name = "operations")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    private final ReconciliationService reconciliation;

    public ReconciliationResource(ReconciliationService reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "getReconciliation",
            summary = "Reconcile ledger, accounts, withdrawals, the bank and Redis",
            description = "Each account's balance equals the sum of its entries and its held amount the sum of its "
                    + "open withdrawals; paid withdrawals match WITHDRAWAL entries and the bank; Redis copies are "
                    + "never newer than PostgreSQL; nothing is stuck; and the books balance.")
    @APIResponse(responseCode = "200", description = "The report; `clean` is false when anything disagrees",
            content = @Content(schema = @Schema(implementation = ReconciliationReport.class)))
    public Uni<ReconciliationReport> get() {
        return reconciliation.run();
    }
}
