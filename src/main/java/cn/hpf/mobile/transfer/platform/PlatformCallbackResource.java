package cn.hpf.mobile.transfer.platform;

import cn.hpf.mobile.common.callback.CallbackSignature;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/** Where the national transfer platform reports. No JWT: the HMAC signature is the authentication. */
@Path("/v1/callbacks/transfer-platform")
@Tag(name = "callbacks")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformCallbackResource {

    private final PlatformCallbackHandler handler;

    public PlatformCallbackResource(PlatformCallbackHandler handler) {
        this.handler = handler;
    }

    // Runs to the end when the client hangs up: see WithdrawalResource.
    @Cancellable(false)
    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveTransferPlatformCallback", summary = "Transfer platform notification",
            description = "Called by the national transfer platform (全国住房公积金异地转移接续平台) when a transfer "
                    + "between cities moves on. Authentication is a timestamped HMAC-SHA256 over the raw body: "
                    + "X-Hpf-Signature = lowercase hex of HMAC-SHA256(callbackSecret, X-Hpf-Timestamp + \".\" + "
                    + "X-Hpf-Nonce + \".\" + rawBody), where X-Hpf-Timestamp is Unix epoch seconds and X-Hpf-Nonce "
                    + "16–128 characters of [A-Za-z0-9_-], unique per delivery. Rejected with 401: a missing or wrong "
                    + "signature (CALLBACK_SIGNATURE_INVALID), a timestamp more than 300 s old or 60 s ahead "
                    + "(CALLBACK_TIMESTAMP_OUT_OF_WINDOW), a nonce already used (CALLBACK_REPLAYED; nonces are "
                    + "stored durably). The body's type says which fields are set. Idempotent: a repeated "
                    + "notification changes nothing and is answered as the first was; re-sign each retry with a new "
                    + "nonce. 409 and 503 mean: repeat it later; 422 means: this contradicts what is final here, "
                    + "an operator settles it (logged), repeating changes nothing.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlatformCallback.class)))
    @APIResponse(responseCode = "204", description = "Notification taken into account (or already applied)")
    @APIResponse(responseCode = "400", description = "MALFORMED_CALLBACK: signed body that is not JSON, or without "
            + "a known type or a transferId")
    @APIResponse(responseCode = "401", description = "CALLBACK_SIGNATURE_INVALID, CALLBACK_TIMESTAMP_OUT_OF_WINDOW "
            + "or CALLBACK_REPLAYED")
    @APIResponse(responseCode = "404", description = "TRANSFER_NOT_FOUND: no transfer-in with this requestId or "
            + "transferId")
    @APIResponse(responseCode = "409", description = "TRANSFER_NOT_READY: out of order (also a confirmation or "
            + "cancellation of a transfer-out whose hold is not written yet), repeat it later")
    @APIResponse(responseCode = "422", description = "TRANSFER_STATE_CONFLICT (contradicts a final state, or names "
            + "another platform id) or TRANSFER_AMOUNT_MISMATCH (settled amount differs from the confirmed one)")
    @APIResponse(responseCode = "503", description = "SERVICE_BUSY or TRANSFER_UNAVAILABLE: nothing was done, or the "
            + "outcome is not known yet; repeat it later")
    public Uni<Void> receive(
            @Parameter(description = "Unix epoch seconds") @HeaderParam(CallbackSignature.TIMESTAMP_HEADER)
            String timestamp,
            @Parameter(description = "Unique per delivery") @HeaderParam(CallbackSignature.NONCE_HEADER) String nonce,
            @Parameter(description = "Hex HMAC-SHA256") @HeaderParam(CallbackSignature.SIGNATURE_HEADER)
            String signature,
            byte[] rawBody) {
        return handler.receive(timestamp, nonce, signature, rawBody);
    }
}
