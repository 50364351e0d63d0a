package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.ClientAddress;
import cn.hpf.mobile.common.ratelimit.RateLimiter;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

@Path("/v1/face-verifications")
@Tag(name = "face-verification")
@RolesAllowed(TokenService.MEMBER)
@SecurityRequirement(name = "memberJwt")
@Produces(MediaType.APPLICATION_JSON)
public class FaceVerificationResource {

    private final FaceVerificationService verifications;
    private final JsonWebToken jwt;
    private final RateLimiter rateLimiter;

    public FaceVerificationResource(FaceVerificationService verifications, JsonWebToken jwt,
                                    RateLimiter rateLimiter) {
        this.verifications = verifications;
        this.jwt = jwt;
        this.rateLimiter = rateLimiter;
    }

    // Runs to the end when the client hangs up: see WithdrawalResource.
    @Cancellable(false)
    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createFaceVerification", summary = "Start a face verification (刷脸认证)",
            description = "Opens a liveness session with the face provider. The member completes it in the provider's "
                    + "SDK at certifyUrl; the result arrives by the provider's signed callback. A PASSED verification "
                    + "authorizes one action of its purpose within 5 minutes of passing. Limited per member and per "
                    + "client address, and locked for the member after repeated failed verifications "
                    + "(hpf.rate-limit.face).")
    @APIResponse(responseCode = "201", description = "Session opened, status PENDING",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FaceVerificationView.class)))
    @APIResponse(responseCode = "400", description = "Missing or unknown purpose (SIGN_IN is started only by "
            + "POST /v1/auth/sign-in/face), or malformed JSON")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: too many verifications for this member or from "
            + "this address, or locked after repeated failed ones", headers = @Header(name = "Retry-After",
            description = "Seconds until the next verification can be started"))
    @APIResponse(responseCode = "503", description = "FACE_PROVIDER_UNAVAILABLE: the provider cannot be reached")
    public Uni<RestResponse<FaceVerificationView>> create(FaceVerificationRequest request,
                                                          @Context HttpServerRequest http) {
        FacePurpose purpose = FacePurpose.action(request == null ? null : request.purpose());
        if (purpose == null) {
            throw ApiException.invalidField("purpose", "purpose is required: one of [WITHDRAWAL, PREPAYMENT].");
        }
        Caller caller = Caller.member(jwt);
        return rateLimiter.acquire(RateLimiter.Action.FACE, RateLimiter.member(caller.memberId()),
                        ClientAddress.countedAs(http))
                .chain(() -> verifications.create(caller, purpose))
                .map(v -> RestResponse.ResponseBuilder
                        .<FaceVerificationView>created(URI.create("/v1/face-verifications/" + v.id()))
                        .entity(FaceVerificationView.of(v, verifications.now()))
                        .build());
    }

    @GET
    @Path("/{id}")
    @NonBlocking
    @Operation(operationId = "getFaceVerification", summary = "State of one of the caller's face verifications",
            description = "Shows EXPIRED as soon as the deadline has passed (a PENDING one after expiresAt, a PASSED "
                    + "one after usableUntil).")
    @APIResponse(responseCode = "200", description = "The verification",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FaceVerificationView.class)))
    @APIResponse(responseCode = "404", description = "FACE_VERIFICATION_NOT_FOUND: unknown, malformed or another "
            + "member's id")
    public Uni<FaceVerificationView> get(
            @Parameter(description = "Verification id (UUID)") @PathParam("id") String id) {
        long memberId = Caller.memberId(jwt);
        return verifications.findOwned(memberId, parseId(id))
                .map(v -> FaceVerificationView.of(v, verifications.now()));
    }

    /** A malformed id cannot name anything the member owns: 404 like an unknown one, never a 500. */
    static UUID parseId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw FaceVerificationService.notFound();
        }
    }
}
