package cn.hpf.mobile.partner.signing;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The centre's response and notification keys: public, unsigned requests (the answer is signed like all). */
@Path("/partner/v1/keys")
@Tag(name = "partner-keys")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    @Schema(name = "CentreKey")
    public record Key(@Schema(examples = "hpf-partner-1") String keyId,
                      @Schema(enumeration = "RSA-SHA256") String algorithm,
                      @Schema(description = "SPKI PEM") String publicKeyPem,
                      @Schema(enumeration = {"ACTIVE", "RETIRING"}) String status) {
    }

    @Schema(name = "CentreKeys")
    public record Keys(List<Key> keys) {
    }

    private final CentreKeys centre;

    public KeysResource(CentreKeys centre) {
        this.centre = centre;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "partnerKeys", summary = "The keys that sign our answers and notifications",
            description = "Verify Hpf-Signature with the key named by Hpf-Key-Id. A RETIRING key signs nothing new.")
    @APIResponse(responseCode = "200", description = "ACTIVE first")
    @APIResponse(responseCode = "503", description = "SERVICE_BUSY: shed under load; retry after Retry-After")
    public Keys keys() {
        return new Keys(centre.published().stream()
                .map(k -> new Key(k.keyId(), "RSA-SHA256", k.publicKeyPem(), k.status())).toList());
    }
}
