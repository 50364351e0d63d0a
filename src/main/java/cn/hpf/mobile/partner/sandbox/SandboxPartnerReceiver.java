package cn.hpf.mobile.partner.sandbox;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.SandboxConfig;
import cn.hpf.mobile.partner.signing.CentreKeys;
import cn.hpf.partner.client.HpfSignature;
import cn.hpf.partner.client.Pem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sandbox only: what the demo partner's notifyUrl would be, here so that the partner tour can see its
 * notifications. Checks each one's signature against the centre's keys, answers "success" as an Alipay-style
 * partner does, and keeps the last hundred in memory on this replica.
 */
@Path(SandboxPartnerReceiver.PATH)
@Tag(name = "sandbox")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class SandboxPartnerReceiver {

    public static final String PATH = "/sandbox/partner-notifications";
    private static final int KEEP = 100;

    @Schema(name = "SandboxReceivedNotification")
    public record Received(Instant receivedAt, boolean signatureValid, JsonNode event) {
    }

    @Schema(name = "SandboxReceivedNotifications")
    public record Page(List<Received> items) {
    }

    private final SandboxConfig sandbox;
    private final CentreKeys keys;
    private final ObjectMapper json;
    private final Deque<Received> received = new ArrayDeque<>();

    public SandboxPartnerReceiver(SandboxConfig sandbox, CentreKeys keys, ObjectMapper json) {
        this.sandbox = sandbox;
        this.keys = keys;
        this.json = json;
    }

    @POST
    @NonBlocking
    @Operation(operationId = "sandboxReceivePartnerNotification", summary = "Sandbox: the demo partner's notifyUrl")
    @RequestBody(required = true)
    @APIResponse(responseCode = "200", description = "success")
    @APIResponse(responseCode = "404", description = "Sandbox off")
    public Response receive(@Context HttpServerRequest request, byte[] body) {
        requireSandbox();
        boolean valid = keys.published().stream().anyMatch(k -> k.keyId().equals(request.getHeader(
                HpfSignature.KEY_ID_HEADER)) && HpfSignature.verify(Pem.readPublicKey(k.publicKeyPem()),
                HpfSignature.responseBytes(String.valueOf(request.getHeader(HpfSignature.TIMESTAMP_HEADER)),
                        String.valueOf(request.getHeader(HpfSignature.NONCE_HEADER)), body),
                String.valueOf(request.getHeader(HpfSignature.SIGNATURE_HEADER))));
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException e) {
            event = null;
        }
        synchronized (received) {
            received.addFirst(new Received(Instant.now(), valid, event));
            while (received.size() > KEEP) {
                received.removeLast();
            }
        }
        return Response.ok("success", MediaType.TEXT_PLAIN_TYPE).build();
    }

    @GET
    @NonBlocking
    @Operation(operationId = "sandboxListPartnerNotifications", summary = "Sandbox: what the demo partner received")
    @APIResponse(responseCode = "200", description = "Newest first, the last hundred")
    @APIResponse(responseCode = "404", description = "Sandbox off")
    public Page list() {
        requireSandbox();
        synchronized (received) {
            return new Page(List.copyOf(received));
        }
    }

    private void requireSandbox() {
        if (!sandbox.enabled()) {
            throw ApiException.notFound("NOT_FOUND", "The sandbox is off.");
        }
    }
}
