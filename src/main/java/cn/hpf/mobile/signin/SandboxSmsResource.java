package cn.hpf.mobile.signin;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sandbox only: what the sandbox SMS gateway "delivered", so that the demo and the tests can read the codes. */
@Path("/sandbox/sms/messages")
@Tag(name = "sandbox")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class SandboxSmsResource {

    private static final Pattern CODE = Pattern.compile("([0-9]{6})");

    @Schema(name = "SandboxSmsMessages")
    public record Messages(List<Message> messages) {
    }

    @Schema(name = "SandboxSmsMessage")
    public record Message(
            @Schema(examples = "13800000002") String mobile,
            @Schema(examples = "【住房公积金】您的登录验证码为123456，5分钟内有效。请勿泄露给他人。") String text,
            @Schema(description = "The 6-digit code in the text, if any", examples = "123456") String code,
            @Schema(examples = "2026-11-25T20:45:00+08:00") OffsetDateTime sentAt) {
    }

    private final SignInSettings settings;
    private final SandboxSmsGateway gateway;

    public SandboxSmsResource(SignInSettings settings, SandboxSmsGateway gateway) {
        this.settings = settings;
        this.gateway = gateway;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "listSandboxSmsMessages", summary = "Sandbox: the last text messages sent to a number",
            description = "Only when the sandbox is enabled (404 otherwise). Newest first.")
    @APIResponse(responseCode = "200", description = "The messages",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Messages.class)))
    @APIResponse(responseCode = "400", description = "Missing mobile")
    @APIResponse(responseCode = "404", description = "Sandbox off")
    public Uni<Messages> messages(
            @Parameter(description = "Mobile number", required = true, example = "13800000002")
            @QueryParam("mobile") String mobile,
            @Parameter(description = "At most this many (1–20, default 5)") @QueryParam("limit") Integer limit) {
        if (!settings.sandbox()) {
            throw ApiException.notFound("NOT_FOUND", "No resource at /sandbox/sms: the sandbox is off.");
        }
        if (mobile == null || mobile.isBlank()) {
            throw ApiException.invalidField("mobile", "mobile is required.");
        }
        int n = limit == null ? 5 : Math.max(1, Math.min(20, limit));
        return gateway.messages(mobile.trim(), n).map(list -> new Messages(list.stream()
                .map(m -> new Message(m.mobile(), m.text(), code(m.text()), m.sentAt())).toList()));
    }

    private static String code(String text) {
        Matcher m = CODE.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
