package cn.hpf.mobile.ops;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * A no-op on the event loop: the baseline of bin/bench, whose scenarios are reported as ratios to it because
 * absolute numbers on a shared 2-core machine mean little. Never bounded by backpressure, never touches a store.
 */
@Path("/v1/ping")
@Tag(name = "operations")
@PermitAll
public class PingResource {

    @GET
    @NonBlocking
    @Operation(operationId = "ping", summary = "No-op liveness probe and benchmark baseline",
            description = "Answers 204 without touching PostgreSQL or Redis.")
    @APIResponse(responseCode = "204", description = "Alive")
    // A probe answer must not be cached; the header also gives load generators a response to parse (wrk's Lua
    // response() hook skips a response without any header).
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @APIResponse(responseCode = "503", description = "The instance is saturated (SERVICE_BUSY); see Retry-After")
    public void ping() {
        // Nothing to do: the cost measured is the framework's own.
    }
}
