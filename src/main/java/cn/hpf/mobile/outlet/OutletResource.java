package cn.hpf.mobile.outlet;

import cn.hpf.mobile.common.Params;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 就近办: the outlets, public. Parameters are parsed by hand so that a bad one is a 400 naming it. */
@Path("/v1/outlets")
@Tag(name = "outlets")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class OutletResource {

    static final int MAX_LIMIT = 50;
    static final int DEFAULT_LIMIT = 20;
    private static final Pattern SERVICE_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

    private final OutletDirectory directory;

    public OutletResource(OutletDirectory directory) {
        this.directory = directory;
    }

    @GET
    @Operation(operationId = "listOutlets", summary = "就近办: outlets nearest first, open now or not",
            description = "With lat and lng: nearest first, each with its distance along the earth's surface. "
                    + "Without them: every outlet by id, distanceMeters null. openNow is computed for this moment "
                    + "in Asia/Shanghai from each outlet's weekly opening periods.")
    @APIResponse(responseCode = "200", description = "The outlets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OutletList.class)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER: lat or lng not a decimal number of degrees, "
            + "out of range or given alone; limit out of range; service not a code of the guide")
    public Uni<OutletList> list(
            @Parameter(description = "The caller's latitude, decimal degrees −90 … 90; with lng",
                    schema = @Schema(type = SchemaType.NUMBER, examples = "30.1650"))
            @QueryParam("lat") String lat,
            @Parameter(description = "The caller's longitude, decimal degrees −180 … 180; with lat",
                    schema = @Schema(type = SchemaType.NUMBER, examples = "120.2640"))
            @QueryParam("lng") String lng,
            @Parameter(description = "Only the outlets handling this service (a code of GET /v1/guide/services). "
                    + "A known service handled at no outlet (one done online) gives an empty list.",
                    schema = @Schema(type = SchemaType.STRING, examples = "LOAN_APPLICATION"))
            @QueryParam("service") String service,
            @Parameter(description = "At most this many outlets, 1–50 (default 20)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "50"))
            @QueryParam("limit") String limit) {
        GeoPoint here = GeoPoint.of(lat, lng);
        String code = service == null || service.isBlank() ? null : service.trim();
        if (code != null && !SERVICE_CODE.matcher(code).matches()) {
            throw OutletDirectory.unknownService();
        }
        int max = Params.intInRange(limit, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        return directory.find(here, code, max);
    }
}
