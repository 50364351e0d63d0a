package cn.hpf.mobile.common.backpressure;

import io.vertx.core.http.HttpMethod;

/** The groups whose requests in flight are bounded separately, so that a flood on one cannot starve another. */
public enum RouteGroup {
    READS, WRITES, LOGIN, CALCULATOR, OPERATIONS, STREAMS;

    /** The group of a request, or null for routes that are never bounded (no-op ping, health, metrics, spec). */
    public static RouteGroup of(HttpMethod method, String path) {
        if (path == null || path.equals("/v1/ping")) {
            return null;
        }
        if (path.startsWith("/v1/auth/")) {
            return LOGIN;
        }
        if (path.startsWith("/v1/calculator/") || path.startsWith("/partner/v1/calculator/")) {
            return CALCULATOR;
        }
        if (isStream(method, path)) {
            return STREAMS;
        }
        if (path.startsWith("/v1/ops/")) {
            return OPERATIONS;
        }
        boolean partner = path.startsWith("/partner/");
        if (!path.startsWith("/v1/") && !path.startsWith("/sandbox/") && !partner) {
            return null;
        }
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        return read ? READS : WRITES;
    }

    /**
     * The Server-Sent Event routes: the withdrawal and transfer status streams (GET …/events outside the partner
     * API, whose event feed is a plain page) and the operators' live statistics. Open for as long as the client
     * stays, so they are bounded apart from the short requests of their area.
     */
    public static boolean isStream(HttpMethod method, String path) {
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        return read && (path.endsWith("/events") && path.startsWith("/v1/") || path.equals("/v1/ops/stats/live"));
    }

    int limit(BackpressureConfig config) {
        return switch (this) {
            case READS -> config.reads();
            case WRITES -> config.writes();
            case LOGIN -> config.login();
            case CALCULATOR -> config.calculator();
            case OPERATIONS -> config.operations();
            case STREAMS -> config.streams();
        };
    }

    public String tag() {
        return name().toLowerCase();
    }
}
