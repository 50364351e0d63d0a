package cn.hpf.mobile.loan;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

    private final Pool db;

    public AutoTransferOpsResource(Pool db) {
        this.db = db;
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
        YearMonth m = month(month);
        if (status != null && !status.equals("PAID") && !status.equals("SKIPPED")) {
            throw ApiException.invalidField("status", "status must be PAID or SKIPPED.");
        }
        return db.preparedQuery("SELECT loan_id, member_id, month, period, status, reason, amount_fen, available_fen, "
                        + "attempts, updated_at FROM loan_auto_transfer WHERE month = $1 AND ($2::text IS NULL "
                        + "OR status = $2) ORDER BY loan_id LIMIT " + LIMIT)
                .execute(Tuple.of(m.toString(), status))
                .map(rows -> {
                    List<AutoTransferRecord> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(new AutoTransferRecord(r.getLong(0), r.getLong(1), r.getString(2), r.getInteger(3),
                                r.getString(4), r.getString(5), r.getLong(6), r.getLong(7), r.getInteger(8),
                                r.getOffsetDateTime(9)));
                    }
                    return out;
                });
    }

    private static YearMonth month(String raw) {
        try {
            if (raw != null) {
                return YearMonth.parse(raw.trim());
            }
        } catch (DateTimeParseException e) {
            // fall through to the 400 below
        }
        throw ApiException.invalidField("month", "month is required, like 2026-11.");
    }
}
