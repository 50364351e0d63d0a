package cn.hpf.mobile.ops.stats;

import cn.hpf.mobile.common.Params;
import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.ops.OpsConfig;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/v1/ops/stats")
@Tag(name = "operations")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final DailyStatsService daily;
    private final MinuteSeriesService minutes;
    private final OpsConfig config;

    public StatsResource(DailyStatsService daily, MinuteSeriesService minutes, OpsConfig config) {
        this.daily = daily;
        this.minutes = minutes;
        this.config = config;
    }

    @GET
    @Path("/live")
    @NonBlocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "streamLiveStats", summary = "The console's live figures (Server-Sent Events)",
            description = "A LiveFigures event at once and then every hpf.ops.live-every (2 s): the current minute's "
                    + "admissions and payouts, today's totals and online share, the payouts waiting, and the cluster "
                    + "switches. Each event is read from PostgreSQL, so any replica serves the same figures; a "
                    + "read that fails skips one event. Closes when the client goes.")
    @APIResponse(responseCode = "200", description = "An event stream of LiveFigures",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = LiveFigures.class)))
    public Multi<LiveFigures> live() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.liveEvery())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> daily.live()
                        .onFailure().recoverWithNull()); // a null item is skipped: the next tick tries again
    }

    @GET
    @Path("/minutes")
    @NonBlocking
    @Operation(operationId = "getMinuteStats", summary = "The last minutes, one point each, for the console's charts",
            description = "Per minute (the current one last, still counting): withdrawals admitted, withdrawals paid "
                    + "and their admission-to-PAID latency percentiles; with today's payout budget and what it has "
                    + "spent. One PostgreSQL statement, so every replica answers the same.")
    @APIResponse(responseCode = "200", description = "The series",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MinuteSeries.class)))
    @APIResponse(responseCode = "400", description = "last not between 1 and 240")
    public Uni<MinuteSeries> minutes(
            @Parameter(description = "How many minutes, the current one included (1 to 240)",
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "30", minimum = "1", maximum = "240"))
            @QueryParam("last") String last) {
        return minutes.last(Params.intInRange(last, "last", 1, MinuteSeriesService.MAX_MINUTES, 30));
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
        return daily.day(Params.requiredDate(date, "date"));
    }
}
