package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Params;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/** Sandbox only: plays the member's liveness check in the provider SDK. 404 when the sandbox is off. */
@Path("/sandbox/face-provider/verifications")
@Tag(name = "sandbox")
@RolesAllowed(TokenService.MEMBER)
@SecurityRequirement(name = "memberJwt")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxFaceResource {

    private final FaceProviderSettings settings;
    private final SandboxFaceProvider provider;
    private final FaceVerificationService verifications;
    private final JsonWebToken jwt;

    public SandboxFaceResource(FaceProviderSettings settings, SandboxFaceProvider provider,
                               FaceVerificationService verifications, JsonWebToken jwt) {
        this.settings = settings;
        this.provider = provider;
        this.verifications = verifications;
        this.jwt = jwt;
    }

    // Runs to the end when the client hangs up: see WithdrawalResource.
    @Cancellable(false)
    @POST
    @Path("/{id}/complete")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "completeSandboxFaceVerification",
            summary = "Sandbox: finish the liveness check of one of the caller's verifications",
            description = "Only when the sandbox is enabled (404 otherwise). The sandbox provider fixes the session's "
                    + "outcome (once: a session that ended with the other outcome answers 409) and reports it through "
                    + "the same HMAC-signed callback path as a real provider; the answer is the verification's "
                    + "resulting state, so a withdrawal may follow at once.")
    @APIResponse(responseCode = "200", description = "The verification after the callback (PASSED, FAILED, or EXPIRED "
            + "when its deadline had passed)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FaceVerificationView.class)))
    @APIResponse(responseCode = "400", description = "Missing or unknown outcome, or malformed JSON")
    @APIResponse(responseCode = "404", description = "Sandbox off, or FACE_VERIFICATION_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "FACE_SESSION_ALREADY_COMPLETED with the other outcome")
    public Uni<FaceVerificationView> complete(
            @Parameter(description = "Verification id (UUID)") @PathParam("id") String id,
            SandboxCompletion request) {
        SandboxOutcome outcome = requestedOutcome(settings, request);
        long memberId = Caller.memberId(jwt);
        return verifications.findOwned(memberId, FaceVerificationResource.parseId(id))
                .chain(v -> provider.complete(v.providerRef(), outcome))
                .map(v -> FaceVerificationView.of(v, verifications.now()));
    }

    /** The outcome a sandbox completion asks for; 404 with the sandbox off, 400 without a known outcome. */
    static SandboxOutcome requestedOutcome(FaceProviderSettings settings, SandboxCompletion request) {
        if (!settings.sandbox()) {
            throw ApiException.notFound("NOT_FOUND", "No resource at /sandbox/face-provider: the sandbox is off.");
        }
        SandboxOutcome outcome = Params.enumValue(request == null ? null : request.outcome(), "outcome",
                SandboxOutcome.class);
        if (outcome == null) {
            throw ApiException.invalidField("outcome", "outcome is required: one of [PASS, FAIL].");
        }
        return outcome;
    }
}
