package cn.hpf.mobile.auth;

import cn.hpf.mobile.auth.CredentialRepository.Credential;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Channel;
import cn.hpf.mobile.common.SandboxConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/auth")
@Tag(name = "auth")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final CredentialRepository credentials;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final SandboxConfig sandbox;

    public AuthResource(CredentialRepository credentials, PasswordHasher hasher, TokenService tokens,
                        SandboxConfig sandbox) {
        this.credentials = credentials;
        this.hasher = hasher;
        this.tokens = tokens;
        this.sandbox = sandbox;
    }

    @POST
    @Path("/token")
    @Operation(operationId = "issueMemberToken", summary = "Member login (sandbox password login)",
            description = "Exchanges a member number and password for a 15-minute member token. Password login "
                    + "is a sandbox feature; production members arrive with tokens of the centre's identity provider.")
    @APIResponse(responseCode = "200", description = "Token issued")
    @APIResponse(responseCode = "400", description = "Malformed request")
    @APIResponse(responseCode = "401", description = "Wrong member number or password (INVALID_CREDENTIALS)")
    public Uni<TokenResponse> memberToken(@NotNull @Valid LoginRequest request) {
        requirePasswordLogin();
        if (request.channel() != Channel.APP && request.channel() != Channel.MINI_PROGRAM) {
            throw ApiException.invalidField("channel", "channel must be APP or MINI_PROGRAM.");
        }
        return credentials.member(request.memberNo())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(c -> verified(c, request.password()))
                .chain(c -> tokens.memberSession(c.id(), c.login(), request.channel()));
    }

    @POST
    @Path("/operator-token")
    @Operation(operationId = "issueOperatorToken", summary = "Operator login (sandbox password login)")
    @APIResponse(responseCode = "200", description = "Token issued")
    @APIResponse(responseCode = "400", description = "Malformed request")
    @APIResponse(responseCode = "401", description = "Wrong username or password (INVALID_CREDENTIALS)")
    public Uni<TokenResponse> operatorToken(@NotNull @Valid OperatorLoginRequest request) {
        requirePasswordLogin();
        return credentials.operator(request.username())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(c -> verified(c, request.password()))
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

    /** Runs on a worker thread: PBKDF2 costs tens of milliseconds of CPU. */
    private Credential verified(Credential credential, String password) {
        boolean ok = hasher.matches(password, credential == null ? PasswordHasher.UNKNOWN_LOGIN_HASH : credential.passwordHash());
        if (credential == null || !ok) {
            throw new ApiException(401, "INVALID_CREDENTIALS", "Member number or password is wrong.", null, null);
        }
        return credential;
    }
}
