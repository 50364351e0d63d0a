package cn.hpf.mobile.common.http;

import cn.hpf.mobile.common.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request by its shape before anything reads it: a request-target longer than the limit (414), not a URI
 * or with a path segment parameter (400), header lines larger than the limit (431), a body larger than
 * {@code quarkus.http.limits.max-body-size} (413) and a body that is not {@code application/json} in UTF-8 (415),
 * each as problem+json with its code. A chunked HTTP/1.1 body is read here within the limit, so that it too is
 * refused as problem+json instead of the empty 413 Quarkus would give half-way through reading it. Runs before the
 * backpressure filter: a refusal costs nothing and holds no slot.
 */
@ApplicationScoped
public class RequestGuard {

    static final int PRIORITY = 1100;

    private final RequestLimitsConfig limits;
    private final VertxProblems problems;
    private final long maxBody;
    private final BodyHandler unknownLengthBodies;

    public RequestGuard(RequestLimitsConfig limits, VertxProblems problems,
                        @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody) {
        this.limits = limits;
        this.problems = problems;
        this.maxBody = maxBody.map(MemorySize::asLongValue).orElse(-1L);
        this.unknownLengthBodies = BodyHandler.create(false).setBodyLimit(this.maxBody);
    }

    void register(@Observes Filters filters) {
        filters.register(this::guard, PRIORITY);
    }

    /** Failures of the router itself (a chunked body over the limit, no Host, a target that is not a path). */
    void failures(@Observes Router router) {
        router.route().order(-PRIORITY).failureHandler(this::failed);
    }

    void guard(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.uri().length() > limits.maxUriLength()) {
            refuse(rc, 414, "URI_TOO_LONG", "The request target is longer than " + limits.maxUriLength()
                    + " characters.", null);
            return;
        }
        if (!isUri(request.uri())) {
            refuse(rc, 400, "BAD_REQUEST", "The request target is not a URI (RFC 3986): a character that must be "
                    + "percent-encoded, or a '%' not followed by two hexadecimal digits.", null);
            return;
        }
        if (request.path() != null && request.path().indexOf(';') >= 0) {
            // No route takes a path parameter (RFC 3986 §3.3). The REST layer would strip it, so that "a;x" and
            // "..;" name other resources than the target says, and it decodes such a path twice.
            refuse(rc, 400, "BAD_REQUEST", "A path segment carries a parameter (';'), which no route of this API "
                    + "takes; percent-encode a ';' that belongs to a value (%3B).", null);
            return;
        }
        if (headerBytes(request.headers()) > limits.maxHeaderSize()) {
            refuse(rc, 431, "HEADERS_TOO_LARGE", "The request headers are larger than " + limits.maxHeaderSize()
                    + " bytes.", rc.normalizedPath());
            return;
        }
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            length = Long.MIN_VALUE;
        }
        if (declared != null && length < 0) {
            refuse(rc, 400, "BAD_REQUEST", "Content-Length is not a length.", rc.normalizedPath());
            return;
        }
        if (maxBody >= 0 && length > maxBody) {
            tooLarge(rc);
            return;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.isBlank()) {
            // No media range is no preference; left in, it fails the negotiation of an operation with several types.
            request.headers().remove(HttpHeaders.ACCEPT);
        }
        boolean chunked = declared == null && request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        boolean http2Body = declared == null && !chunked && mayCarryHttp2Body(request);
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if ((length > 0 || chunked || http2Body && type != null) && !isJson(type)) {
            refuse(rc, 415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json in UTF-8.",
                    rc.normalizedPath());
            return;
        }
        if (chunked) {
            unknownLengthBodies.handle(rc);
            return;
        }
        rc.next();
    }

    /** The client errors the router itself fails a request with; anything else goes on to Quarkus's handler. */
    void failed(RoutingContext rc) {
        if (rc.response().ended()) {
            rc.next();
            return;
        }
        int status = rc.statusCode();
        switch (status) {
            case 413 -> tooLarge(rc);
            case 400, 404, 405 -> {
                String path = VertxProblems.pathOf(rc);
                String code = status == 400 ? "BAD_REQUEST" : status == 404 ? "NOT_FOUND" : "METHOD_NOT_ALLOWED";
                refuse(rc, status, code, "The request could not be routed.",
                        path == null || !path.startsWith("/") ? null : path);
            }
            default -> rc.next();
        }
    }

    /** Quarkus's own check, which {@link cn.hpf.mobile.HpfMobileMain} switches off so that this one answers. */
    private static boolean isUri(String target) {
        if (target == null) {
            return false;
        }
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private void tooLarge(RoutingContext rc) {
        refuse(rc, 413, "BODY_TOO_LARGE", "The request body is larger than " + maxBody + " bytes.",
                rc.normalizedPath());
    }

    private void refuse(RoutingContext rc, int status, String code, String detail, String instance) {
        problems.send(rc, Problem.of(status, code, detail, null, instance, null), true);
    }

    /**
     * HTTP/2 may send a body without Content-Length (its frames say where it ends). Its type is checked here; its
     * size is left to Quarkus (an empty 413 past the limit), since the REST layer cannot take over an HTTP/2 body
     * that was already read.
     */
    private static boolean mayCarryHttp2Body(HttpServerRequest request) {
        HttpMethod m = request.method();
        return request.version() == HttpVersion.HTTP_2 && !request.isEnded()
                && (m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE);
    }

    /** The header block as sent: each line's name, ": ", value and CRLF. */
    static long headerBytes(MultiMap headers) {
        long total = 0;
        for (Map.Entry<String, String> h : headers) {
            total += h.getKey().length() + h.getValue().length() + 4;
        }
        return total;
    }

    /** {@code application/json}, with no charset or UTF-8 (the only one JSON has, RFC 8259). */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }
}
