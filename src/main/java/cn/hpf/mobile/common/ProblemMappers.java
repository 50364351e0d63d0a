package cn.hpf.mobile.common;

import cn.hpf.mobile.common.http.RequestDeadline;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import io.quarkus.oidc.OIDCException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as RFC 9457 problem+json with a stable code; nothing leaks class names. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** How Jackson's strict duplicate detection words its refusal (common/http/StrictJson). */
    private static final String DUPLICATE = "Duplicate field '";

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        Response.ResponseBuilder rb = builder(e.status(),
                Problem.of(e.status(), e.code(), e.getMessage(), e.field(), path(uri), null));
        if (e.retryAfterSeconds() != null) {
            rb.header("Retry-After", e.retryAfterSeconds());
        }
        return rb.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(leaf(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        String field = errors.isEmpty() ? null : errors.get(0).field();
        return problem(400, "VALIDATION_FAILED", detail, field, uri, errors);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return limit.getOriginalMessage().contains("nesting depth")
                        ? problem(400, "JSON_TOO_DEEP", "The request body nests objects and arrays too deeply.",
                        null, uri, null)
                        : problem(400, "JSON_TOO_LARGE", "A value in the request body is too long.", null, uri, null);
            }
            if (t instanceof JsonParseException parse && parse.getOriginalMessage().startsWith(DUPLICATE)) {
                String key = parse.getOriginalMessage().substring(DUPLICATE.length()).replaceFirst("'$", "");
                return problem(400, "DUPLICATE_JSON_KEY", "The key " + key + " appears twice in one object.", key,
                        uri, null);
            }
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = jsonPath(mismatch.getPath());
            String expected = mismatch.getTargetType() == null ? "another type" : simpleType(mismatch);
            return problem(400, "INVALID_PARAMETER", field + " must be " + expected + ".", field, uri, null);
        }
        return problem(400, "MALFORMED_JSON", "The request body is not valid JSON.", null, uri, null);
    }

    @ServerExceptionMapper
    public Response unreadableBody(UnreadableBodyException e, UriInfo uri) {
        return malformedJson(e.json(), uri);
    }

    /** Takes precedence over the extension's built-in mapper, which answers an empty 400. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return problem(404, "NOT_FOUND", "No resource at " + path(uri) + ".", null, uri, null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        return problem(405, "METHOD_NOT_ALLOWED", "This method is not allowed on " + path(uri) + ".", null, uri, null);
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, UriInfo uri) {
        return problem(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.", null, uri, null);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return problem(406, "NOT_ACCEPTABLE", "This resource answers application/json only.", null, uri, null);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return builder(401, Problem.of(401, "UNAUTHENTICATED",
                "A valid, unexpired bearer token is required.", null, path(uri), null))
                .header("WWW-Authenticate", "Bearer").build();
    }

    /**
     * quarkus-oidc could not reach the identity provider to set up its verifier (discovery, first keys): the token
     * may well be good, so the member is told to try again, not that she is signed out. (A failed key refresh later
     * surfaces inside quarkus-oidc as a failed authentication: 401.)
     */
    @ServerExceptionMapper
    public Response identityProviderUnavailable(OIDCException e, UriInfo uri) {
        LOG.warnf("Identity provider unavailable on %s: %s", path(uri), e.getMessage());
        return builder(503, Problem.of(503, "IDENTITY_PROVIDER_UNAVAILABLE", "The identity provider cannot be "
                + "reached to check this token; retry shortly.", null, path(uri), null))
                .header("Retry-After", 5).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "FORBIDDEN", "Your role may not use this operation.", null, uri, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        String code = status >= 500 ? "INTERNAL_ERROR" : Response.Status.Family.familyOf(status) ==
                Response.Status.Family.CLIENT_ERROR ? "BAD_REQUEST" : "ERROR";
        if (status == 400) {
            return problem(400, "BAD_REQUEST", "The request could not be read.", null, uri, null);
        }
        return problem(status, code, e.getMessage(), null, uri, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpServerRequest request) {
        if (RequestDeadline.isLateAnswer(e, request)) {
            return Response.noContent().build();
        }
        if (Overload.is(e)) {
            return builder(503, Problem.of(503, "SERVICE_BUSY", "The service is saturated; retry shortly.",
                    null, path(uri), null)).header("Retry-After", 1).build();
        }
        LOG.errorf(e, "Unexpected failure on %s", path(uri));
        return problem(500, "INTERNAL_ERROR", "Something went wrong on our side; it has been logged.", null, uri,
                null);
    }

    private static Response problem(int status, String code, String detail, String field, UriInfo uri,
                                    List<Problem.FieldError> errors) {
        return builder(status, Problem.of(status, code, detail, field, path(uri), errors)).build();
    }

    static Response.ResponseBuilder builder(int status, Problem problem) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String leaf(Path path) {
        String last = null;
        for (Path.Node node : path) {
            last = node.getName();
        }
        return last == null ? path.toString() : last;
    }

    private static String jsonPath(List<JsonMappingException.Reference> refs) {
        return refs.stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String simpleType(MismatchedInputException e) {
        Class<?> t = e.getTargetType();
        if (t.isEnum()) {
            Object[] values = t.getEnumConstants();
            return "one of " + java.util.Arrays.toString(values);
        }
        if (t == long.class || t == Long.class || t == int.class || t == Integer.class) {
            return "an integer";
        }
        if (e instanceof InvalidFormatException) {
            return "a valid " + t.getSimpleName();
        }
        return "a " + t.getSimpleName();
    }
}
