package cn.hpf.mobile.audit;

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
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators read the audit log and verify its chain of seals. */
@Path("/v1/ops/audit")
@Tag(name = "operations")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    /** Years a timestamp parameter may name: ISO allows nine-digit years no audit row has. */
    private static final int MIN_YEAR = 2000;
    private static final int MAX_YEAR = 9999;

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "listAudit", summary = "The audit log, newest first",
            description = "Every money action (withdrawal admitted, payout PAID, FAILED or RETURNED, prepayment, "
                    + "transfers in and out, 按月转账) and every operator action, with who, channel, app id, client "
                    + "address, face verification, amount and result. Refusals are not audited. Keyset paged: pass "
                    + "`nextCursor` as `cursor` for the next (older) page.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", description = "A malformed filter, cursor or limit")
    public Uni<AuditPage> list(
            @Parameter(description = "Only this member's rows", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int64", minimum = "1")) @QueryParam("member") String member,
            @Parameter(description = "Only this action, e.g. WITHDRAWAL_ADMITTED",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Z][A-Z0-9_]{0,63}$"))
            @QueryParam("action") String action,
            @Parameter(description = "From this instant on (inclusive), ISO-8601 with offset",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "Before this instant (exclusive), ISO-8601 with offset",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "The previous page's nextCursor", schema = @Schema(type = SchemaType.STRING))
            @QueryParam("cursor") String cursor,
            @Parameter(description = "Rows per page, 1 to 500 (default 100)", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "500", defaultValue = "100")) @QueryParam("limit") String limit) {
        Long memberId = member == null || member.isBlank() ? null
                : Params.longInRange(member, "member", 1, Long.MAX_VALUE);
        if (action != null && !ACTION.matcher(action).matches()) {
            throw ApiException.invalidField("action", "action is an upper-case name like WITHDRAWAL_ADMITTED.");
        }
        Long before = cursor == null || cursor.isBlank() ? null
                : Params.longInRange(cursor, "cursor", 1, Long.MAX_VALUE);
        OffsetDateTime f = instant(from, "from");
        OffsetDateTime t = instant(to, "to");
        if (f != null && t != null && !f.isBefore(t)) {
            throw ApiException.invalidField("to", "to must be after from.");
        }
        int n = Params.intInRange(limit, "limit", 1, 500, 100);
        return audit.page(new AuditQuery(memberId, action, f, t, before, n));
    }

    @GET
    @Path("/verify")
    @NonBlocking
    @Operation(operationId = "verifyAudit", summary = "Verify the audit log's chain of seals",
            description = "Walks every seal from the first: each must follow the previous one (id and row range), "
                    + "chain its hash, match its own fields, carry the MAC of a configured key (current or retired), "
                    + "and its range must still hold the same rows with the "
                    + "same content. Answers ok, or the first broken seal and why: a deleted, edited or later "
                    + "inserted row, or an edited, removed or forged seal. Rows newer than the sealing margin are "
                    + "not sealed yet and are counted as unsealedRows. Reads every sealed row: an operator's check, "
                    + "not a frequent one.")
    @APIResponse(responseCode = "200", description = "What the verification found (a broken chain is a 200 too)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditVerification.class)))
    public Uni<AuditVerification> verify() {
        return audit.verify();
    }

    private static OffsetDateTime instant(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(raw.trim());
            if (t.getYear() < MIN_YEAR || t.getYear() > MAX_YEAR) {
                throw ApiException.invalidField(field, field + " must be between the years " + MIN_YEAR + " and "
                        + MAX_YEAR + ".");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, field + " must be an ISO-8601 instant with offset, like "
                    + "2026-12-01T00:00:00+08:00.");
        }
    }
}
