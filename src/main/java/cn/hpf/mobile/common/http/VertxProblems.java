package cn.hpf.mobile.common.http;

import cn.hpf.mobile.common.Problem;
import cn.hpf.mobile.common.ResponseSignatures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;

/**
 * Problems answered before a request reaches a resource (Vert.x filters and failure handlers): the same RFC 9457
 * body as the exception mappers write, signed where the path's answers are signed.
 */
@ApplicationScoped
public class VertxProblems {

    private final ObjectMapper json;
    private final Instance<ResponseSignatures> signatures;

    public VertxProblems(ObjectMapper json, Instance<ResponseSignatures> signatures) {
        this.json = json;
        this.signatures = signatures;
    }

    /**
     * Ends the exchange with the problem. {@code close}: the request's body is not wanted, so an HTTP/1.x
     * connection is closed after the answer instead of being kept for a body of any length.
     */
    public void send(RoutingContext rc, Problem problem, boolean close) {
        HttpServerResponse response = rc.response();
        if (response.ended()) {
            return;
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            bytes = ("{\"status\":" + problem.status() + ",\"code\":\"" + problem.code() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        String path = pathOf(rc);
        for (ResponseSignatures s : signatures) {
            s.headers(path, rc.request().getHeader(HttpHeaders.AUTHORIZATION), bytes).forEach(response::putHeader);
        }
        boolean http1 = rc.request().version() != HttpVersion.HTTP_2;
        if (close && http1) {
            // What arrives of the body meanwhile is read and dropped: closing on unread bytes would reset the
            // connection, and the client could lose the answer.
            HttpServerRequest request = rc.request();
            if (!request.isEnded()) {
                request.handler(ignored -> { });
                request.resume();
            }
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            response.end(Buffer.buffer(bytes)).onComplete(done -> rc.request().connection().close());
        } else {
            response.end(Buffer.buffer(bytes));
        }
    }

    /**
     * The request's normalized path, or null when its target does not decode (a '%' without two hexadecimal digits):
     * filters that run before {@link RequestGuard} has refused such a target must not fail on it.
     */
    public static String pathOf(RoutingContext rc) {
        try {
            return rc.normalizedPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
