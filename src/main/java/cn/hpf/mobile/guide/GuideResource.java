package cn.hpf.mobile.guide;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.calculator.HttpCaching;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Params;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * 办事指南 and 一次性告知: public and the same for everyone, so answered with Cache-Control and a strong ETag; and the
 * checklist for the calling member, decided by admission's rules.
 */
@Path("/v1")
@Tag(name = "guide", description = "办事指南 and 一次性告知: the service guide and the withdrawal checklist")
@Produces(MediaType.APPLICATION_JSON)
public class GuideResource {

    private final GuideService guide;
    private final HttpCaching caching;
    private final GuideConfig config;
    private final JsonWebToken jwt;

    public GuideResource(GuideService guide, HttpCaching caching, GuideConfig config, JsonWebToken jwt) {
        this.guide = guide;
        this.caching = caching;
        this.config = config;
        this.jwt = jwt;
    }

    @GET
    @Path("/guide/services")
    @PermitAll
    @Operation(operationId = "listServiceGuide", summary = "办事指南: every service of the centre",
            description = "Members' services (22, 10 fully online) and employers' (14, 10 online), in catalogue order: "
                    + "conditions, steps, materials and form templates (Chinese), and the outlets that handle each in "
                    + "person. Withdrawals list what to bring and what the centre checks itself.")
    @APIResponse(responseCode = "200", description = "The services",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ServiceGuideList.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER: audience or mode is not one of its values")
    @APIResponse(responseCode = "503", description = "Saturated (SERVICE_BUSY); retry after Retry-After seconds")
    public Uni<Response> services(
            @Parameter(description = "Only members' or only employers' services",
                    schema = @Schema(implementation = HallService.Audience.class))
            @QueryParam("audience") String audience,
            @Parameter(description = "Only services handled this way", schema = @Schema(implementation = HallService.Mode.class))
            @QueryParam("mode") String mode,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        HallService.Audience a = Params.enumValue(audience, "audience", HallService.Audience.class);
        HallService.Mode m = Params.enumValue(mode, "mode", HallService.Mode.class);
        return guide.services(a, m).map(list -> caching.ok(list, ifNoneMatch, config.cacheMaxAge()));
    }

    @GET
    @Path("/guide/withdrawal-categories")
    @PermitAll
    @Operation(operationId = "getWithdrawalChecklist", summary = "一次性告知: the withdrawal checklist (提取服务卡)",
            description = "Every withdrawal, online or at an outlet: its conditions, its limits (for online ones the "
                    + "rules admission applies), every material the paper card asked for, which of them the centre "
                    + "checks itself (data sharing with the housing registry, civil affairs, market regulation and the "
                    + "household registry, or its own records) and what the member still brings.")
    @APIResponse(responseCode = "200", description = "The checklist",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WithdrawalChecklist.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "503", description = "Saturated (SERVICE_BUSY); retry after Retry-After seconds")
    public Uni<Response> withdrawalCategories(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return guide.withdrawalCategories().map(list -> caching.ok(list, ifNoneMatch, config.cacheMaxAge()));
    }

    @GET
    @Path("/me/guide/withdrawal-categories")
    @RolesAllowed(TokenService.MEMBER)
    @SecurityRequirement(name = "memberJwt")
    @Operation(operationId = "getMyWithdrawalChecklist", summary = "The withdrawal checklist for the caller now",
            description = "For every withdrawal of the checklist: whether the caller may make it now and, if not, "
                    + "why — decided by the same rules and in the same order as POST /v1/withdrawals (the first "
                    + "reason is the refusal it would answer), without a face verification and without reserving "
                    + "anything — and the most she may withdraw now. A data-sharing platform that cannot be asked "
                    + "makes its categories not eligible with DATA_SHARING_UNAVAILABLE.")
    @APIResponse(responseCode = "200", description = "The caller's checklist",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MyWithdrawalCategories.class)))
    @APIResponse(responseCode = "401", description = "No or invalid member token")
    @APIResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND: the caller has no HPF account")
    public Uni<MyWithdrawalCategories> myWithdrawalCategories() {
        return Uni.createFrom().deferred(() -> guide.withdrawalCategoriesOf(Caller.memberId(jwt)));
    }
}
