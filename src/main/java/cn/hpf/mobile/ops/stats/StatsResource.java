package cn.hpf.mobile.ops.stats;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/ops/stats")
@Tag(name = "operations")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final DailyStatsService daily;

    public StatsResource(DailyStatsService daily) {
        this.daily = daily;
    }

    @GET
    @Path("/daily")
    @NonBlocking
    @Operation(operationId = "getDailyStats", summary = "One day's figures for the operators' console",
            description = "Withdrawals admitted that Asia/Shanghai day by category and channel, the online share as "
                    + "the centre reports it, the busiest minute, payout latency percentiles, refusals by code, "
                    + "partner notifications failing, and the last reconciliation's verdict. Computed from "
                    + "PostgreSQL in one statement, so every replica answers the same. Refusals are flushed by "
                    + "each replica every hpf.ops.refusal-flush, so today's lag by at most that.")
    @APIResponse(responseCode = "200", description = "The day's figures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DailyStats.class)))
    @APIResponse(responseCode = "400", description = "date missing or not yyyy-MM-dd")
    public Uni<DailyStats> daily(
            @Parameter(required = true, description = "An Asia/Shanghai day",
                    schema = @Schema(type = SchemaType.STRING, format = "date", examples = "2026-12-02"))
            @QueryParam("date") String date) {
        if (date == null || date.isBlank()) {
            throw ApiException.invalidField("date", "date is required, like 2026-12-02.");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("date", "date must be yyyy-MM-dd, like 2026-12-02.");
        }
        return daily.day(day);
    }
}
