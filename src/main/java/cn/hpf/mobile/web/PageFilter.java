package cn.hpf.mobile.web;

import cn.hpf.mobile.auth.provider.ProviderConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The static pages' one filter: their Content-Security-Policy on everything under /h5/ and /ops/ (the headers
 * every answer carries are {@link SecurityHeaders}'), and history routing — a GET
 * for a page path (no dot in its last segment, e.g. /h5/withdraw) is answered with that page's index.html, whose
 * router then shows the view. Files (h5.css, js/app.js) are served as they are.
 */
@ApplicationScoped
public class PageFilter {

    /** Below the backpressure filter (which does not look at pages), above Quarkus' own (CORS at 300). */
    static final int PRIORITY = 900;

    static final List<String> PAGES = List.of("/h5", "/ops");

    private final String csp;

    public PageFilter(ProviderConfig provider, WebConfig web) {
        this.csp = contentSecurityPolicy(providerOrigin(provider), web.frameAncestors().orElse(List.of()));
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        String page = pageOf(path);
        if (page == null) {
            rc.next();
            return;
        }
        rc.response().putHeader("Content-Security-Policy", csp);
        HttpMethod method = rc.request().method();
        if ((method == HttpMethod.GET || method == HttpMethod.HEAD) && isRoute(path)) {
            rc.reroute(page + "/index.html");
            return;
        }
        rc.next();
    }

    static String pageOf(String path) {
        for (String page : PAGES) {
            if (path.equals(page) || path.startsWith(page + "/")) {
                return page;
            }
        }
        return null;
    }

    /** A view of the page's router, not a file: no dot in the last segment. */
    static boolean isRoute(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.indexOf('.') < 0;
    }

    static String contentSecurityPolicy(Optional<String> providerOrigin, List<String> frameAncestors) {
        String provider = providerOrigin.map(o -> " " + o).orElse("");
        String framers = frameAncestors.isEmpty() ? "" : " " + String.join(" ", frameAncestors);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'" + provider + "; frame-ancestors 'self'" + framers + "; base-uri 'none'; "
                + "form-action 'self'" + provider;
    }

    /** The page talks to the provider (discovery, token endpoint) and sends members to it, nothing else outside. */
    static Optional<String> providerOrigin(ProviderConfig provider) {
        if (!provider.enabled()) {
            return Optional.empty();
        }
        return provider.authServerUrl().filter(u -> !u.isBlank()).map(u -> {
            URI uri = URI.create(u);
            return uri.getScheme() + "://" + uri.getRawAuthority();
        });
    }
}
