package cn.hpf.mobile.auth;

import cn.hpf.mobile.auth.CredentialRepository.Credential;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Channel;
import cn.hpf.mobile.common.ClientAddress;
import cn.hpf.mobile.common.SandboxConfig;
import cn.hpf.mobile.common.ratelimit.RateLimiter;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/auth")
@Tag(name = "auth")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    static final String RATE_LIMIT = "RATE_LIMITED: too many attempts for this login or from this address, or locked "
            + "after repeated wrong passwords (hpf.rate-limit.login); with Retry-After";

    private final CredentialRepository credentials;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final SandboxConfig sandbox;
    private final RateLimiter rateLimiter;

    public AuthResource(CredentialRepository credentials, PasswordHasher hasher, TokenService tokens,
                        SandboxConfig sandbox, RateLimiter rateLimiter) {
        this.credentials = credentials;
        this.hasher = hasher;
        this.tokens = tokens;
        this.sandbox = sandbox;
        this.rateLimiter = rateLimiter;
    }

    @POST
    @Path("/token")
    @Operation(operationId = "issueMemberToken", summary = "Member login (sandbox password login)",
            description = "Exchanges a member number and password for a 15-minute member token. Password login "
                    + "is a sandbox feature; production members arrive with tokens of the centre's identity provider.")
    @APIResponse(responseCode = "200", description = "Token issued")
    @APIResponse(responseCode = "400", description = "Malformed request")
    @APIResponse(responseCode = "401", description = "Wrong member number or password (INVALID_CREDENTIALS)")
    @APIResponse(responseCode = "429", description = RATE_LIMIT, headers = @Header(name = "Retry-After",
            description = "Seconds until the next attempt can be made"))
    public Uni<TokenResponse> memberToken(@NotNull @Valid LoginRequest request, @Context HttpServerRequest http) {
        requirePasswordLogin();
        if (request.channel() != Channel.APP && request.channel() != Channel.MINI_PROGRAM) {
            throw ApiException.invalidField("channel", "channel must be APP or MINI_PROGRAM.");
        }
        String address = ClientAddress.countedAs(http);
        return credentials.member(request.memberNo())
                .chain(c -> checked(c, c == null ? RateLimiter.unknownLogin("member:" + request.memberNo())
                        : RateLimiter.member(c.id()), address, request.password()))
                .chain(c -> tokens.memberSession(c.id(), c.login(), request.channel()));
    }

    @POST
    @Path("/operator-token")
    @Operation(operationId = "issueOperatorToken", summary = "Operator login (sandbox password login)")
    @APIResponse(responseCode = "200", description = "Token issued")
    @APIResponse(responseCode = "400", description = "Malformed request")
    @APIResponse(responseCode = "401", description = "Wrong username or password (INVALID_CREDENTIALS)")
    @APIResponse(responseCode = "429", description = RATE_LIMIT, headers = @Header(name = "Retry-After",
            description = "Seconds until the next attempt can be made"))
    public Uni<TokenResponse> operatorToken(@NotNull @Valid OperatorLoginRequest request,
                                            @Context HttpServerRequest http) {
        requirePasswordLogin();
        String address = ClientAddress.countedAs(http);
        return credentials.operator(request.username())
                .chain(c -> checked(c, c == null ? RateLimiter.unknownLogin("operator:" + request.username())
                        : "o:" + c.id(), address, request.password()))
                .chain(c -> tokens.operatorSession(c.id(), c.login()));
    }

    @POST
    @Path("/refresh")
    @Operation(operationId = "refreshTokens", summary = "Exchange a refresh token for the next pair",
            description = "Rotation: the refresh token is single use and the answer carries the next one, with a new "
                    + "access token of the same session. Presenting a refresh token that was already used revokes the "
                    + "whole session (every refresh and access token of it) and answers REFRESH_TOKEN_REUSED: a copy "
                    + "is in someone else's hands. Retry a lost answer by signing in again, not with the same token.")
    @APIResponse(responseCode = "200", description = "The next access and refresh tokens")
    @APIResponse(responseCode = "400", description = "Malformed request")
    @APIResponse(responseCode = "401", description = "REFRESH_TOKEN_INVALID (unknown, expired or revoked) or "
            + "REFRESH_TOKEN_REUSED (already used: the session is now revoked)")
    public Uni<TokenResponse> refresh(@NotNull @Valid RefreshRequest request) {
        return tokens.refresh(request.refreshToken());
    }

    private void requirePasswordLogin() {
        if (!sandbox.enabled()) {
            throw ApiException.notFound("PASSWORD_LOGIN_DISABLED",
                    "Password login exists only in the sandbox; use the centre's identity provider.");
        }
    }

    /**
     * The rate limit first (a locked login is refused whatever the password), then the password; a wrong one is
     * counted against the login and the address. An unknown login is limited like a member's.
     */
    private Uni<Credential> checked(Credential credential, String subject, String address, String password) {
        return rateLimiter.acquire(RateLimiter.Action.LOGIN, subject, address)
                // PBKDF2 costs tens of milliseconds of CPU: on a worker thread.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(ignored -> hasher.matches(password, credential == null ? PasswordHasher.UNKNOWN_LOGIN_HASH
                        : credential.passwordHash()) && credential != null)
                .chain(ok -> ok ? Uni.createFrom().item(credential)
                        : rateLimiter.failed(RateLimiter.Action.LOGIN, subject, address)
                        .chain(() -> Uni.createFrom().<Credential>failure(new ApiException(401,
                                "INVALID_CREDENTIALS", "Member number or password is wrong.", null, null))));
    }
}
