package cn.hpf.mobile.calculator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Public, cacheable answers: the body is serialised once, its SHA-256 is the strong ETag, and a matching
 * If-None-Match gets 304 without a body, so phones and CDNs re-use what they have.
 */
@ApplicationScoped
public class HttpCaching {

    private final ObjectMapper json;
    private final String cacheControl;

    public HttpCaching(ObjectMapper json, CalculatorConfig config) {
        this.json = json;
        this.cacheControl = "public, max-age=" + config.cacheMaxAge().toSeconds();
    }

    public Response ok(Object body, String ifNoneMatch) {
        return ok(body, ifNoneMatch, cacheControl);
    }

    /** The same for answers that may be reused for {@code maxAge} (other public, static-ish data). */
    public Response ok(Object body, String ifNoneMatch, java.time.Duration maxAge) {
        return ok(body, ifNoneMatch, "public, max-age=" + maxAge.toSeconds());
    }

    private Response ok(Object body, String ifNoneMatch, String cacheControl) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String etag = etagOf(bytes);
        Response.ResponseBuilder rb = matches(ifNoneMatch, etag)
                ? Response.notModified()
                : Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE);
        return rb.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
    }

    /** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || (c.startsWith("W/") ? c.substring(2) : c).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static final HexFormat HEX = HexFormat.of();

    /** One digest per event-loop thread: looking the algorithm up by name on every answer showed in profiles. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** The first 16 bytes of the body's SHA-256 in hex, quoted. */
    static String etagOf(byte[] bytes) {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        return "\"" + HEX.formatHex(sha.digest(bytes), 0, 16) + "\"";
    }
}
