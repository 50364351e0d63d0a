package cn.hpf.mobile.account;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/me/account")
@Tag(name = "account")
@RolesAllowed(TokenService.MEMBER)
@SecurityRequirement(name = "memberJwt")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountService accounts;
    private final JsonWebToken jwt;

    public AccountResource(AccountService accounts, JsonWebToken jwt) {
        this.accounts = accounts;
        this.jwt = jwt;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "getMyAccount", summary = "Balance, status and deposit figures (公积金查询)")
    @APIResponse(responseCode = "200", description = "The caller's account")
    public Uni<AccountView> get() {
        return accounts.current(Caller.memberId(jwt)).map(AccountView::of);
    }
}
