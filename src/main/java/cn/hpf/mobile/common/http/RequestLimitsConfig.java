package cn.hpf.mobile.common.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What a request may be before it is read. The body limit is Quarkus's own
 * ({@code quarkus.http.limits.max-body-size}); the target and header limits are answered here as problem+json,
 * below {@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size}, which stay the
 * connection-level backstop (Vert.x answers beyond them before any handler runs, with an empty body).
 */
@ConfigMapping(prefix = "hpf.http")
public interface RequestLimitsConfig {

    /** Longest request-target (path and query, as sent); longer is 414 URI_TOO_LONG. */
    @WithDefault("4096")
    int maxUriLength();

    /** Most bytes of header lines (names, values, separators); more is 431 HEADERS_TOO_LARGE. */
    @WithDefault("16384")
    int maxHeaderSize();

    /** Deepest nesting of objects and arrays in a JSON body; deeper is 400 JSON_TOO_DEEP. */
    @WithDefault("32")
    int maxJsonDepth();

    /**
     * The request backstop ({@link RequestDeadline}): a request without an answer after this gets 503 at once.
     * Above the worst case of the bounded steps (a money write's connection wait and client wait), below the 10 s
     * of the balancer and the clients, so that they get an answer instead of a timeout.
     */
    @WithDefault("PT9S")
    java.time.Duration requestDeadline();
}
