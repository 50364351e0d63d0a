package cn.hpf.mobile.partner.consent;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.partner.PartnerJson;
import cn.hpf.mobile.partner.signing.PartnerGate;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The partner exchanges a consent's code, or refreshes, for member tokens (signed; no member token). */
@Path("/partner/v1/oauth/token")
@Tag(name = "partner-oauth")
@PermitAll
@SecurityRequirement(name = "partnerSignature")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    private final PartnerGate gate;
    private final PartnerTokens tokens;
    private final PartnerJson json;

    public TokenResource(PartnerGate gate, PartnerTokens tokens, PartnerJson json) {
        this.gate = gate;
        this.tokens = tokens;
        this.json = json;
    }

    @POST
    @NonBlocking
    @Operation(operationId = "partnerToken", summary = "Member tokens for a consent's code, or a refresh",
            description = "A code used twice, under another app, or with a wrong verifier is INVALID_GRANT, and a "
                    + "reused code revokes what it issued; so does a spent refresh token presented again.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = TokenRequest.class)))
    @APIResponse(responseCode = "200", description = "Tokens",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TokenAnswer.class)))
    @APIResponse(responseCode = "400", description = "INVALID_GRANT, INVALID_PARAMETER (grantType), MALFORMED_JSON")
    public Uni<TokenAnswer> token(@Context HttpServerRequest request, byte[] body) {
        return gate.admit(request, body, PartnerGate.Needs.signature()).chain(partner -> {
            TokenRequest r = json.read(body, TokenRequest.class);
            if ("authorization_code".equals(r.grantType())) {
                return tokens.exchangeCode(partner.app(), r.code(), r.codeVerifier()).map(TokenAnswer::of);
            }
            if ("refresh_token".equals(r.grantType())) {
                return tokens.refresh(partner.app(), r.refreshToken()).map(TokenAnswer::of);
            }
            throw ApiException.invalidField("grantType", "grantType must be authorization_code or refresh_token.");
        });
    }
}
