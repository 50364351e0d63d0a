package cn.hpf.mobile.outlet;

import cn.hpf.mobile.common.Params;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 就近办: the entrusted loan banks and the monthly-transfer banks with their branches, public. */
@Path("/v1/banks")
@Tag(name = "outlets")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class BankResource {

    static final int MAX_LIMIT = 50;
    static final int DEFAULT_LIMIT = 10;

    private final BankDirectory directory;

    public BankResource(BankDirectory directory) {
        this.directory = directory;
    }

    @GET
    @Operation(operationId = "listBanks", summary = "委贷银行 and 按月转账 banks, each with its nearest branch",
            description = "With lat and lng: each bank's branches nearest first (nearestBranch is the first), "
                    + "banks ordered by their nearest branch. Without them: banks in the centre's order, branches "
                    + "by id, nearestBranch and distanceMeters null.")
    @APIResponse(responseCode = "200", description = "The banks",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BankList.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER: role not LOAN or MONTHLY_TRANSFER; lat or "
            + "lng not a decimal number of degrees, out of range or given alone; limit out of range")
    public Uni<BankList> list(
            @Parameter(description = "Only the banks with this role (every bank when absent)",
                    schema = @Schema(implementation = BankRole.class))
            @QueryParam("role") String role,
            @Parameter(description = "The caller's latitude, decimal degrees −90 … 90; with lng",
                    schema = @Schema(type = SchemaType.NUMBER, examples = "30.1650"))
            @QueryParam("lat") String lat,
            @Parameter(description = "The caller's longitude, decimal degrees −180 … 180; with lat",
                    schema = @Schema(type = SchemaType.NUMBER, examples = "120.2640"))
            @QueryParam("lng") String lng,
            @Parameter(description = "At most this many branches per bank, 1–50 (default 10)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "50"))
            @QueryParam("limit") String limit) {
        BankRole wanted = Params.enumValue(role, "role", BankRole.class);
        GeoPoint here = GeoPoint.of(lat, lng);
        int perBank = Params.intInRange(limit, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        return directory.find(here, wanted, perBank);
    }
}
