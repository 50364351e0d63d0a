package cn.hpf.mobile.partner.api;

import cn.hpf.mobile.account.AccountService;
import cn.hpf.mobile.account.AccountView;
import cn.hpf.mobile.account.StatementPage;
import cn.hpf.mobile.account.StatementQuery;
import cn.hpf.mobile.account.StatementRepository;
import cn.hpf.mobile.bankcard.BankCardList;
import cn.hpf.mobile.bankcard.BankCardRepository;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.faceauth.FacePurpose;
import cn.hpf.mobile.faceauth.FaceVerificationService;
import cn.hpf.mobile.faceauth.FaceVerificationView;
import cn.hpf.mobile.partner.PartnerJson;
import cn.hpf.mobile.partner.Scope;
import cn.hpf.mobile.partner.signing.PartnerGate;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/** The member's account, statements, cards and face verification, for a partner acting for her. */
@Path("/partner/v1")
@Tag(name = "partner-member")
@PermitAll
@SecurityRequirementsSet({@SecurityRequirement(name = "partnerSignature"), @SecurityRequirement(name = "memberToken")})
@Produces(MediaType.APPLICATION_JSON)
public class PartnerMemberResource {

    private final PartnerGate gate;
    private final PartnerJson json;
    private final AccountService accounts;
    private final StatementRepository statements;
    private final BankCardRepository cards;
    private final FaceVerificationService faces;
    private final PartnerCertification certification;

    public PartnerMemberResource(PartnerGate gate, PartnerJson json, AccountService accounts,
                                 StatementRepository statements, BankCardRepository cards, FaceVerificationService faces,
                                 PartnerCertification certification) {
        this.gate = gate;
        this.json = json;
        this.accounts = accounts;
        this.statements = statements;
        this.cards = cards;
        this.faces = faces;
        this.certification = certification;
    }

    @GET
    @Path("/account")
    @NonBlocking
    @Operation(operationId = "partnerGetAccount", summary = "The member's balance and status (scope account)")
    @APIResponse(responseCode = "200", description = "Her account, with her openId")
    public Uni<PartnerAccountView> account(@Context HttpServerRequest request) {
        return gate.admit(request, null, PartnerGate.Needs.member(Scope.ACCOUNT))
                .chain(p -> accounts.current(p.member()).map(c -> PartnerAccountView.of(AccountView.of(c), p.openId())));
    }

    @GET
    @Path("/statements")
    @NonBlocking
    @Operation(operationId = "partnerListStatements", summary = "The member's statement entries (scope statements)",
            description = "Newest first, keyset-paginated, as /v1/me/statements.")
    @APIResponse(responseCode = "200", description = "A page of entries")
    @APIResponse(responseCode = "400", description = "Bad type, date, limit or cursor")
    public Uni<StatementPage> statements(@Context HttpServerRequest request,
            @Parameter(description = "Only entries of this type") @QueryParam("type") String type,
            @Parameter(description = "First day, inclusive", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(description = "Last day, inclusive", schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to,
            @Parameter(description = "Page size, 1–100", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return gate.admit(request, null, PartnerGate.Needs.member(Scope.STATEMENTS))
                .chain(p -> StatementQuery.parse(type, from, to, limit, cursor).page(statements, p.member()));
    }

    @GET
    @Path("/bank-cards")
    @NonBlocking
    @Operation(operationId = "partnerListBankCards", summary = "The member's payout cards (scope withdrawal)")
    @APIResponse(responseCode = "200", description = "Masked numbers only")
    public Uni<BankCardList> bankCards(@Context HttpServerRequest request) {
        return gate.admit(request, null, PartnerGate.Needs.member(Scope.WITHDRAWAL))
                .chain(p -> cards.listOwned(p.member()).map(BankCardList::new));
    }

    @Cancellable(false)
    @POST
    @Path("/face-verifications")
    @NonBlocking
    @Operation(operationId = "partnerCertifyFace", summary = "Record the platform's own liveness check",
            description = "The platform ran the face check (as Alipay does); the centre asks that platform's "
                    + "certification service for certifyId's result, never believing the request alone. PASSED "
                    + "authorizes one action of its purpose within 5 minutes. Scope withdrawal (purpose WITHDRAWAL) "
                    + "or loans (PREPAYMENT). The same certifyId again answers the same verification.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PartnerRequests.FaceVerification.class)))
    @APIResponse(responseCode = "201", description = "PASSED or FAILED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FaceVerificationView.class)))
    @APIResponse(responseCode = "400", description = "Missing or unknown purpose, missing certifyId")
    @APIResponse(responseCode = "409", description = "CERTIFY_ID_USED: another verification used this certifyId")
    @APIResponse(responseCode = "503", description = "CERTIFICATION_UNAVAILABLE")
    public Uni<Response> certifyFace(@Context HttpServerRequest request, byte[] body) {
        return gate.admit(request, body, PartnerGate.Needs.memberAnyScope()).chain(p -> {
            PartnerRequests.FaceVerification r = json.read(body, PartnerRequests.FaceVerification.class);
            FacePurpose purpose = FacePurpose.action(r.purpose());
            if (purpose == null) {
                throw ApiException.invalidField("purpose", "purpose is required: one of [WITHDRAWAL, PREPAYMENT].");
            }
            if (r.certifyId() == null || !r.certifyId().matches("^[A-Za-z0-9_.:-]{1,128}$")) {
                throw ApiException.invalidField("certifyId", "certifyId is required: the platform's certification id.");
            }
            p.requireScope(purpose == FacePurpose.WITHDRAWAL ? Scope.WITHDRAWAL : Scope.LOANS);
            return certification.query(p.app().appId(), r.certifyId())
                    .chain(result -> faces.recordCertified(p.caller(), purpose, r.certifyId(),
                            result == PartnerCertification.Result.PASSED))
                    .map(v -> Response.status(201).entity(FaceVerificationView.of(v, faces.now())).build());
        });
    }
}
