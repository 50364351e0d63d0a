package cn.hpf.mobile.common.backpressure;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Test-only read route that stays in flight until the test lets it go, so a group can be filled on purpose.
 * A plain Vert.x route, not a JAX-RS resource, so that it never shows up in the OpenAPI contract.
 */
@ApplicationScoped
public class HeldRoute {

    static final String HOLD = "/v1/backpressure-test/hold";
    static final String FAIL = "/v1/backpressure-test/fail";

    private final Queue<RoutingContext> held = new ConcurrentLinkedQueue<>();

    void routes(@Observes Router router) {
        router.get(HOLD).handler(held::add);
        router.get(FAIL).handler(rc -> rc.fail(new IllegalStateException("deliberate failure")));
    }

    int held() {
        return held.size();
    }

    void releaseAll() {
        for (RoutingContext rc; (rc = held.poll()) != null; ) {
            RoutingContext done = rc;
            done.vertx().runOnContext(v -> {
                if (!done.response().ended() && !done.response().closed()) {
                    done.response().setStatusCode(200).end("{}");
                }
            });
        }
    }
}
