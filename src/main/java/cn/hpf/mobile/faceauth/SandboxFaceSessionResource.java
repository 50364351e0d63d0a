package cn.hpf.mobile.faceauth;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * Sandbox only: the liveness check of a face sign-in, played at the session the certifyUrl names. A member signing
 * in holds no token yet, so this works by the provider's session reference, as the provider's SDK does, and only
 * for SIGN_IN sessions (the actions' sessions are completed by their signed-in owner). 404 when the sandbox is off.
 */
@Path("/sandbox/face-provider/sessions")
@Tag(name = "sandbox")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class SandboxFaceSessionResource {

    private final FaceProviderSettings settings;
    private final SandboxFaceProvider provider;
    private final FaceVerificationService verifications;

    public SandboxFaceSessionResource(FaceProviderSettings settings, SandboxFaceProvider provider,
                                      FaceVerificationService verifications) {
        this.settings = settings;
        this.provider = provider;
        this.verifications = verifications;
    }

    // Runs to the end when the client hangs up: see WithdrawalResource.
    @Cancellable(false)
    @POST
    @Path("/{providerRef}/complete")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "completeSandboxFaceSignInSession",
            summary = "Sandbox: finish the liveness check of a face sign-in",
            description = "Only when the sandbox is enabled (404 otherwise), and only for sessions of purpose SIGN_IN. "
                    + "providerRef is the last path segment of the certifyUrl that POST /v1/auth/sign-in/face "
                    + "answered. Like the member's sandbox completion, the outcome reaches the verification through "
                    + "the signed callback path before this answers.")
    @APIResponse(responseCode = "200", description = "The verification after the callback",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FaceVerificationView.class)))
    @APIResponse(responseCode = "400", description = "Missing or unknown outcome, or malformed JSON")
    @APIResponse(responseCode = "404", description = "Sandbox off, or FACE_VERIFICATION_NOT_FOUND (unknown session, "
            + "or not a sign-in)")
    @APIResponse(responseCode = "409", description = "FACE_SESSION_ALREADY_COMPLETED with the other outcome")
    public Uni<FaceVerificationView> complete(
            @Parameter(description = "The provider's session reference (end of certifyUrl)")
            @PathParam("providerRef") String providerRef,
            SandboxCompletion request) {
        SandboxOutcome outcome = SandboxFaceResource.requestedOutcome(settings, request);
        return verifications.findByProviderRef(providerRef)
                .chain(v -> {
                    if (v == null || v.purpose() != FacePurpose.SIGN_IN) {
                        return Uni.createFrom().failure(FaceVerificationService.notFound());
                    }
                    return provider.complete(providerRef, outcome);
                })
                .map(v -> FaceVerificationView.of(v, verifications.now()));
    }
}
