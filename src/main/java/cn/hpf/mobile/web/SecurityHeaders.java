package cn.hpf.mobile.web;

import cn.hpf.mobile.common.http.VertxProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The headers every answer carries, whoever gives it: a resource, an exception mapper, a refusal before any
 * resource (limits, shed load), a static page, the router's own failures. Pages frame as their CSP says
 * ({@link PageFilter}); every other answer may not be framed at all, and is not stored by any cache unless its
 * route chose a Cache-Control of its own (the public, ETagged calculator and guide answers).
 */
@ApplicationScoped
public class SecurityHeaders {

    /** First of all filters, so that every refusal after it already carries them. */
    static final int PRIORITY = 1200;

    private final String strictTransportSecurity;

    public SecurityHeaders(WebConfig web) {
        this.strictTransportSecurity = web.strictTransportSecurity().filter(v -> !v.isBlank()).orElse(null);
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    /** A request the router fails before any filter ran (a target that is not a path) gets them too. */
    void failures(@Observes Router router) {
        router.route().order(-PRIORITY).failureHandler(this::handle);
    }

    void handle(RoutingContext rc) {
        MultiMap headers = rc.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        if (strictTransportSecurity != null) {
            headers.set("Strict-Transport-Security", strictTransportSecurity);
        }
        String path = VertxProblems.pathOf(rc);
        if (path == null || PageFilter.pageOf(path) == null) {
            headers.set("X-Frame-Options", "DENY");
            rc.addHeadersEndHandler(v -> {
                if (!rc.response().headers().contains(HttpHeaders.CACHE_CONTROL)) {
                    rc.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                }
            });
        }
        rc.next();
    }
}
