package cn.hpf.mobile.common.backpressure;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Tells a request's {@link InFlightSlot} when its resource method starts and when its answer is ready. */
public class InFlightSlotFilters {

    @ServerRequestFilter
    public void dispatched(RoutingContext rc, ContainerRequestContext request) {
        InFlightSlot slot = rc.get(InFlightSlot.KEY);
        if (slot != null) {
            slot.dispatched();
            request.setProperty(InFlightSlot.KEY, slot);
        }
    }

    @ServerResponseFilter
    public void answered(ContainerRequestContext request) {
        if (request.getProperty(InFlightSlot.KEY) instanceof InFlightSlot slot) {
            slot.workDone();
        }
    }
}
