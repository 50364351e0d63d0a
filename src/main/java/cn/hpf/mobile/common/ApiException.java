package cn.hpf.mobile.common;

/**
 * A failure the caller can act on. Rendered as RFC 9457 problem+json by {@link ProblemMappers} with the
 * stable {@code code} clients switch on.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String code, String message, String field, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String code, String message, String field) {
        return new ApiException(400, code, message, field, null);
    }

    public static ApiException invalidField(String field, String message) {
        return badRequest("INVALID_PARAMETER", message, field);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message, null, null);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message, null, null);
    }

    public static ApiException unprocessable(String code, String message) {
        return new ApiException(422, code, message, null, null);
    }

    public static ApiException unprocessable(String code, String message, String field) {
        return new ApiException(422, code, message, field, null);
    }

    public static ApiException unavailable(String code, String message, int retryAfterSeconds) {
        return new ApiException(503, code, message, null, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
