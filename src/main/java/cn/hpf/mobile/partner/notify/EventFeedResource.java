package cn.hpf.mobile.partner.notify;

import cn.hpf.mobile.common.Params;
import cn.hpf.mobile.partner.signing.PartnerGate;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catch-up feed: every event of the app, in sequence order, for a partner that missed a notification. */
@Path("/partner/v1/events")
@Tag(name = "partner-events")
@PermitAll
@SecurityRequirement(name = "partnerSignature")
@Produces(MediaType.APPLICATION_JSON)
public class EventFeedResource {

    @Schema(name = "PartnerEventPage")
    public record Page(List<ChannelEvent> items,
                       @Schema(description = "Pass as after for the next page; the same value when nothing is new")
                       long nextAfter) {
    }

    private final PartnerGate gate;
    private final EventRepository events;

    public EventFeedResource(PartnerGate gate, EventRepository events) {
        this.gate = gate;
        this.events = events;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "partnerEvents", summary = "Events after a sequence number",
            description = "Sequences are the app's own, assigned in commit order: no later commit can get a number "
                    + "at or below one already read. Kept at least 30 days.")
    @APIResponse(responseCode = "200", description = "Up to limit events, oldest first")
    @APIResponse(responseCode = "400", description = "after or limit malformed")
    public Uni<Page> feed(@Context HttpServerRequest request,
            @Parameter(description = "The last sequence already read (0: from the start)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("after") String after,
            @Parameter(description = "1–500 (default 100)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        long from = Params.longInRange(after == null ? "0" : after, "after", 0, Long.MAX_VALUE);
        int size = Params.intInRange(limit, "limit", 1, 500, 100);
        return gate.admit(request, null, PartnerGate.Needs.signature())
                .chain(p -> events.feed(p.app().appId(), from, size))
                .map(items -> new Page(items, items.isEmpty() ? from : items.get(items.size() - 1).sequence()));
    }
}
