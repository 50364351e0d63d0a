package cn.hpf.mobile.account;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.Caller;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/me/statements")
@Tag(name = "account")
@RolesAllowed(TokenService.MEMBER)
@SecurityRequirement(name = "memberJwt")
@Produces(MediaType.APPLICATION_JSON)
public class StatementResource {

    private final StatementRepository statements;
    private final JsonWebToken jwt;

    public StatementResource(StatementRepository statements, JsonWebToken jwt) {
        this.statements = statements;
        this.jwt = jwt;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "listMyStatements", summary = "Deposit, interest and withdrawal entries (缴存提取明细)",
            description = "Newest first, keyset-paginated: entries posted while paging never shift later pages.")
    @APIResponse(responseCode = "200", description = "A page of entries")
    @APIResponse(responseCode = "400", description = "Bad type, date, limit or cursor")
    public Uni<StatementPage> list(
            @Parameter(description = "Only entries of this type", schema = @Schema(implementation = EntryType.class))
            @QueryParam("type") String type,
            @Parameter(description = "First day, inclusive (Asia/Shanghai)", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "Last day, inclusive (Asia/Shanghai)", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to,
            @Parameter(description = "Page size, 1–100 (default 20)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page")
            @QueryParam("cursor") String cursor) {
        return StatementQuery.parse(type, from, to, limit, cursor).page(statements, Caller.memberId(jwt));
    }
}
