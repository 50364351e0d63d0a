package cn.hpf.mobile.bankcard;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.Caller;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/me/bank-cards")
@Tag(name = "withdrawals")
@RolesAllowed(TokenService.MEMBER)
@SecurityRequirement(name = "memberJwt")
@Produces(MediaType.APPLICATION_JSON)
public class BankCardResource {

    private final BankCardRepository cards;
    private final JsonWebToken jwt;

    public BankCardResource(BankCardRepository cards, JsonWebToken jwt) {
        this.cards = cards;
        this.jwt = jwt;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "listMyBankCards", summary = "The caller's bank cards for payouts",
            description = "Masked numbers only. Every card is in the member's own name; payouts go only to these.")
    @APIResponse(responseCode = "200", description = "The caller's cards",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BankCardList.class)))
    public Uni<BankCardList> list() {
        return cards.listOwned(Caller.memberId(jwt)).map(BankCardList::new);
    }
}
