package cn.hpf.mobile.auth.provider;

import cn.hpf.mobile.auth.VerifiedTokenCache;
import io.quarkus.oidc.TenantResolver;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;

/**
 * Sends a bearer token to quarkus-oidc's provider tenant when its (not yet verified) issuer is the provider's, and
 * everything else to the default tenant, which is switched off, so that smallrye-jwt verifies our own tokens. The
 * unverified issuer only chooses the verifier: a token that lies about it fails that verifier's signature check.
 */
@ApplicationScoped
public class ProviderTenantResolver implements TenantResolver {

    public static final String TENANT = "centre";
    static final String DEFAULT_TENANT = "Default";
    /** Far above any real token; a bigger one is not worth decoding to choose a verifier that will refuse it. */
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final String BEARER = "Bearer ";

    private final ProviderSettings settings;
    private final VerifiedTokenCache ours;

    public ProviderTenantResolver(ProviderSettings settings, VerifiedTokenCache ours) {
        this.settings = settings;
        this.ours = ours;
    }

    @Override
    public String resolve(RoutingContext context) {
        String issuer = settings.issuer();
        if (issuer == null) {
            return DEFAULT_TENANT;
        }
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() <= BEARER.length()
                || ours.knows(authorization.substring(BEARER.length()))) {
            return DEFAULT_TENANT; // most requests: a token of ours seen before, no need to decode it
        }
        return issuer.equals(unverifiedIssuer(authorization)) ? TENANT : DEFAULT_TENANT;
    }

    static String unverifiedIssuer(String authorization) {
        if (authorization == null || authorization.length() > MAX_TOKEN_LENGTH
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        int firstDot = authorization.indexOf('.', BEARER.length());
        int secondDot = firstDot < 0 ? -1 : authorization.indexOf('.', firstDot + 1);
        if (secondDot < 0) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(authorization.substring(firstDot + 1, secondDot));
            Object iss = new JsonObject(Buffer.buffer(payload)).getValue("iss");
            return iss instanceof String s ? s : null;
        } catch (RuntimeException notAToken) {
            return null;
        }
    }
}
