package cn.hpf.mobile.signin;

import cn.hpf.mobile.auth.TokenResponse;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Channel;
import cn.hpf.mobile.common.ClientAddress;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * The app's own member sign-in where no identity provider is used, in production as in the sandbox: password then
 * an SMS one-time code, or a face check at the face provider. Both end in the same member session as any sign-in.
 */
@Path("/v1/auth/sign-in")
@Tag(name = "auth")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SignInResource {

    private static final String LOCK_RULE = "Five failures (wrong password or wrong code) within 15 minutes lock the "
            + "member's password and code sign-in for 15 minutes: 429 SIGN_IN_LOCKED with Retry-After, whatever the "
            + "password (the face sign-in is not locked).";

    private final SignInService signIn;

    public SignInResource(SignInService signIn) {
        this.signIn = signIn;
    }

    // Runs to the end when the client hangs up: a failure is counted, a code sent, either way.
    @Cancellable(false)
    @POST
    @Path("/sms-code")
    @NonBlocking
    @Operation(operationId = "sendSignInCode", summary = "Sign in, step 1: password, then an SMS code",
            description = "Checks the password of the member the login names (member number or 18-character ID "
                    + "number) and sends a 6-digit one-time code to her mobile number, valid 5 minutes. An unknown "
                    + "login answers exactly as a wrong password. " + LOCK_RULE + " At most one code per 60 s and 5 per "
                    + "hour per member: 429 SIGN_IN_RATE_LIMITED with Retry-After. Password checks running at once are bounded "
                    + "per instance: beyond them 503 SERVICE_BUSY with Retry-After. Per client address, password "
                    + "logins of every kind are limited together and locked after repeated wrong passwords: 429 "
                    + "RATE_LIMITED with Retry-After (hpf.rate-limit.login).")
    @APIResponse(responseCode = "201", description = "Code sent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SmsCodeSent.class)))
    @APIResponse(responseCode = "400", description = "Malformed request, or a channel other than APP / MINI_PROGRAM")
    @APIResponse(responseCode = "401", description = "INVALID_CREDENTIALS: wrong login or password")
    @APIResponse(responseCode = "422", description = "NO_MOBILE_ON_FILE: the member has no mobile number on file")
    @APIResponse(responseCode = "429", description = "SIGN_IN_LOCKED or SIGN_IN_RATE_LIMITED (this member), "
            + "RATE_LIMITED (this client address), with Retry-After")
    @APIResponse(responseCode = "503", description = "SMS_UNAVAILABLE (the SMS gateway did not take the message) or "
            + "SERVICE_BUSY (too many password checks at once), with Retry-After")
    public Uni<RestResponse<SmsCodeSent>> sendCode(@NotNull @Valid SmsCodeRequest request,
                                                   @Context HttpServerRequest http) {
        requireMemberChannel(request.channel());
        return signIn.sendCode(request.login(), request.password(), request.channel(), ClientAddress.countedAs(http))
                .map(sent -> RestResponse.status(RestResponse.Status.CREATED, sent));
    }

    @Cancellable(false)
    @POST
    @NonBlocking
    @Operation(operationId = "signInWithCode", summary = "Sign in, step 2: the SMS code",
            description = "Exchanges the challenge and its code for the member's tokens. The code is single use and "
                    + "checked and consumed in one statement; the fifth wrong code of a challenge kills it. "
                    + LOCK_RULE)
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed challengeId or code")
    @APIResponse(responseCode = "401", description = "SMS_CODE_WRONG (tries left), SMS_CODE_TOO_MANY_TRIES, "
            + "SMS_CODE_EXPIRED (or unknown challenge), SMS_CODE_USED: ask for a new code")
    @APIResponse(responseCode = "429", description = "SIGN_IN_LOCKED, with Retry-After")
    public Uni<TokenResponse> signInWithCode(@NotNull @Valid CodeSignInRequest request) {
        return signIn.signInWithCode(uuid(request.challengeId(), "challengeId"), request.code());
    }

    @Cancellable(false)
    @POST
    @Path("/face")
    @NonBlocking
    @Operation(operationId = "startFaceSignIn", summary = "Face sign-in (刷脸登录), step 1: open a face check",
            description = "Opens a SIGN_IN face verification at the face provider for the member the login names; "
                    + "she finishes the liveness check in the provider's SDK at certifyUrl, then completes the "
                    + "sign-in. At most one per 60 s and 5 per hour per member (429 SIGN_IN_RATE_LIMITED); not "
                    + "locked by wrong passwords or codes. Per client address, face verifications of every kind are "
                    + "limited together (429 RATE_LIMITED with Retry-After, hpf.rate-limit.face).")
    @APIResponse(responseCode = "201", description = "Face check opened",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FaceSignInStarted.class)))
    @APIResponse(responseCode = "400", description = "Malformed request, or a channel other than APP / MINI_PROGRAM")
    @APIResponse(responseCode = "401", description = "INVALID_CREDENTIALS: no member has this login")
    @APIResponse(responseCode = "429", description = "SIGN_IN_RATE_LIMITED (this member) or RATE_LIMITED (this "
            + "client address), with Retry-After")
    @APIResponse(responseCode = "503", description = "FACE_PROVIDER_UNAVAILABLE")
    public Uni<RestResponse<FaceSignInStarted>> startFace(@NotNull @Valid FaceSignInRequest request,
                                                          @Context HttpServerRequest http) {
        requireMemberChannel(request.channel());
        return signIn.startFace(request.login(), request.channel(), ClientAddress.countedAs(http))
                .map(started -> RestResponse.status(RestResponse.Status.CREATED, started));
    }

    @Cancellable(false)
    @POST
    @Path("/face/complete")
    @NonBlocking
    @Operation(operationId = "completeFaceSignIn", summary = "Face sign-in, step 2: tokens for a passed face check",
            description = "A PASSED SIGN_IN verification, within 5 minutes of passing, signs its member in once: it is "
                    + "consumed (CONSUMED) in one statement. Verifications of other purposes never sign in.")
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed verificationId")
    @APIResponse(responseCode = "401", description = "FACE_SIGN_IN_INVALID (unknown, or not a SIGN_IN "
            + "verification), FACE_SIGN_IN_FAILED, FACE_SIGN_IN_EXPIRED, FACE_SIGN_IN_USED")
    @APIResponse(responseCode = "409", description = "FACE_SIGN_IN_PENDING: the face check is not finished; ask "
            + "again after Retry-After")
    public Uni<TokenResponse> completeFace(@NotNull @Valid FaceSignInCompletion request) {
        return signIn.completeFace(uuid(request.verificationId(), "verificationId"));
    }

    private static void requireMemberChannel(Channel channel) {
        if (channel != Channel.APP && channel != Channel.MINI_PROGRAM) {
            throw ApiException.invalidField("channel", "channel must be APP or MINI_PROGRAM.");
        }
    }

    private static UUID uuid(String raw, String field) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, field + " must be a UUID.");
        }
    }
}
