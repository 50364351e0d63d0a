package cn.hpf.mobile.auth;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys of our access tokens, for anyone who verifies them: RFC 7517 JWK set. */
@Path("/v1/auth/jwks")
@Tag(name = "auth")
@PermitAll
public class JwksResource {

    public static final String JWK_SET = "application/jwk-set+json";
    /** Long enough to spare the endpoint, short against a key rotation's retirement period (a token's lifetime). */
    static final int MAX_AGE_SECONDS = 300;

    @Schema(name = "Jwk", description = "An RSA public key (RFC 7517, RFC 7518 §6.3.1)")
    public record Jwk(@Schema(enumeration = "RSA") String kty,
                      @Schema(enumeration = "sig") String use,
                      @Schema(enumeration = "RS256") String alg,
                      @Schema(examples = "hpf-1", description = "The `kid` header of the tokens it signs") String kid,
                      @Schema(description = "Modulus, base64url") String n,
                      @Schema(description = "Public exponent, base64url", examples = "AQAB") String e) {
    }

    @Schema(name = "JwkSet")
    public record JwkSet(@Schema(description = "The signing key first, then the keys still accepted") List<Jwk> keys) {
    }

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @NonBlocking
    @Produces({JWK_SET, MediaType.APPLICATION_JSON})
    @Operation(operationId = "jwks", summary = "The keys that sign member and operator access tokens",
            description = "Every key a token may currently be signed with, chosen by the token's `kid`: the signing "
                    + "key, and a retired one until its last tokens have expired. Cache it for at most a few minutes.")
    @APIResponse(responseCode = "200", description = "The JWK set",
            content = {@Content(mediaType = JWK_SET, schema = @Schema(implementation = JwkSet.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JwkSet.class))})
    @APIResponse(responseCode = "503", description = "SERVICE_BUSY: shed under load; retry after Retry-After")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        cache.setNoTransform(false);
        return Response.ok(keys.jwks()).cacheControl(cache).build();
    }
}
